package dev.ciservices.gitlab;

import dev.ciservices.ServicesException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A {@code .gitlab-ci.yml} that cannot be read into jobs: invalid YAML, a value of the wrong type, a
 * broken {@code extends} chain or {@code !reference}, a missing {@code include: local} file, or an
 * unknown job. The message names where the value is written, the job, the problem and the fix:
 * {@code .gitlab-ci.yml:12: job "test": services[1]: "name" is missing; ...}.
 */
public final class GitLabCiException extends ServicesException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final int line;
  private final @Nullable String job;
  private final String problem;

  GitLabCiException(String message, String file, int line, @Nullable String job, String problem,
      @Nullable Throwable cause) {
    super(message, cause);
    this.file = file;
    this.line = line;
    this.job = job;
    this.problem = problem;
  }

  /** The display name of the file the offending value is written in (an included file, maybe). */
  public String file() {
    return file;
  }

  /** The 1-based line of the offending value, or 0 when the problem concerns no single line. */
  public int line() {
    return line;
  }

  /** The job being read when the problem was found, if any. */
  public Optional<String> job() {
    return Optional.ofNullable(job);
  }

  /** The problem and its fix, without the file, line and job. */
  public String problem() {
    return problem;
  }
}
