package dev.ciservices.kubernetes.internal;

import java.util.List;

/**
 * The POSIX shell script a job's commands run as (the Docker backend's): each command echoed as
 * {@code $ <command>} in green before it runs, the first failing command ending it with its code.
 */
final class ShellScript {
  private static final String GREEN = "\u001b[32;1m";
  private static final String RESET = "\u001b[0;m";

  private ShellScript() {}

  static String of(String projectDir, List<String> commands, boolean stopOnFailure) {
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

  static String echoed(String command) {
    String trimmed = command.strip();
    int newline = trimmed.indexOf('\n');
    return newline < 0 ? trimmed : trimmed.substring(0, newline) + " # collapsed multi-line command";
  }

  static String quote(String text) {
    return "'" + text.replace("'", "'\\''") + "'";
  }
}
