package dev.ciservices.gitlab.internal;

import org.jspecify.annotations.Nullable;

/**
 * A problem that stops reading the file, with where it is written and, once known, the job being
 * read. {@code GitLabCiFile} turns it into the public exception.
 */
public final class ConfigError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Loc loc;
  private final @Nullable String job;
  private final String problem;

  ConfigError(Loc loc, @Nullable String job, String problem) {
    super(Diagnostics.format(loc, job, problem));
    this.loc = loc;
    this.job = job;
    this.problem = problem;
  }

  /** A problem at a place, not yet tied to a job. */
  static ConfigError at(Loc loc, String problem) {
    return new ConfigError(loc, null, problem);
  }

  /** This problem, naming the job unless it already names one. */
  ConfigError inJob(String job) {
    return this.job != null ? this : new ConfigError(loc, job, problem);
  }

  /** Where the offending value is written. */
  public Loc loc() {
    return loc;
  }

  /** The job being read, if any. */
  public @Nullable String job() {
    return job;
  }

  /** The problem and its fix, without the location. */
  public String problem() {
    return problem;
  }
}
