package dev.ciservices.internal;

import java.util.List;

/**
 * The POSIX shell script a job's commands run as: each command echoed as {@code $ <command>} in
 * green before it runs, the first failing command ending the script with its exit code. Both
 * backends run it (Docker through exec, Kubernetes in the build container).
 */
public final class ShellScript {
  private static final String GREEN = "\u001b[32;1m";
  private static final String RESET = "\u001b[0;m";

  private ShellScript() {}

  /** The script: {@code set -e} when a failing command must end it, then {@code cd} and each command echoed. */
  public static String of(String projectDir, List<String> commands, boolean stopOnFailure) {
    StringBuilder s = new StringBuilder();
    if (stopOnFailure) {
      s.append("set -e\n");
    }
    s.append("cd ").append(quote(projectDir)).append('\n');
    for (String command : commands) {
      s.append("printf '%s\\n' ").append(quote(GREEN + "$ " + echoed(command) + RESET)).append('\n');
      s.append(command).append('\n');
    }
    return s.toString();
  }

  /** What GitLab echoes: the command, or its first line marked as collapsed. */
  public static String echoed(String command) {
    String trimmed = command.strip();
    int newline = trimmed.indexOf('\n');
    return newline < 0 ? trimmed : trimmed.substring(0, newline) + " # collapsed multi-line command";
  }

  /** {@code text} as one single-quoted shell word. */
  public static String quote(String text) {
    return "'" + text.replace("'", "'\\''") + "'";
  }
}
