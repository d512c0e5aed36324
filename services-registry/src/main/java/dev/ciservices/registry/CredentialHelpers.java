package dev.ciservices.registry;

import dev.ciservices.registry.internal.PathCredentialHelpers;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs docker credential helpers ({@code docker-credential-<name>}), as the docker CLI and GitLab
 * Runner do. Implementations must be safe for concurrent use.
 */
public interface CredentialHelpers {

  /**
   * Runs {@code docker-credential-<name> <action>} with {@code input} on its standard input.
   *
   * @param name the helper's suffix, a bare file name (checked by the caller)
   * @param action {@code get} or {@code list}
   * @param input the server URL for {@code get}, {@code unused} for {@code list}; no newline is added
   * @return the exit status, standard output and standard error
   * @throws IOException when the program cannot be run; the message is the runner's, e.g.
   *     {@code exec: "docker-credential-x": executable file not found in $PATH}
   */
  Output run(String name, String action, String input) throws IOException;

  /**
   * What a helper printed, and its exit status.
   *
   * @param stderr what it wrote on its standard error, whole lines, at most {@link #MAX_STDERR}
   *     characters and then one line saying how much was left out; never printed as is: a backend
   *     masks it and writes it to this process's standard error, where the runner sends it
   */
  record Output(int exitCode, String stdout, String stderr) {
    /** The most of a helper's standard error that is kept. */
    public static final int MAX_STDERR = 16 * 1024;

    /** An output with nothing on standard error. */
    public Output(int exitCode, String stdout) {
      this(exitCode, stdout, "");
    }
  }

  /** Helpers looked up in the directories of this process's {@code PATH}. */
  static CredentialHelpers onPath() {
    return PathCredentialHelpers.fromEnvironment();
  }

  /** Helpers looked up in these directories, in order. */
  static CredentialHelpers in(List<Path> directories) {
    return new PathCredentialHelpers(directories);
  }
}
