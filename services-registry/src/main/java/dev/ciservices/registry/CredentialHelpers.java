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
   * @return the exit status and standard output
   * @throws IOException when the program cannot be run; the message is the runner's, e.g.
   *     {@code exec: "docker-credential-x": executable file not found in $PATH}
   */
  Output run(String name, String action, String input) throws IOException;

  /** What a helper printed on its standard output, and its exit status. */
  record Output(int exitCode, String stdout) {}

  /** Helpers looked up in the directories of this process's {@code PATH}. */
  static CredentialHelpers onPath() {
    return PathCredentialHelpers.fromEnvironment();
  }

  /** Helpers looked up in these directories, in order. */
  static CredentialHelpers in(List<Path> directories) {
    return new PathCredentialHelpers(directories);
  }
}
