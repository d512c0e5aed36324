package dev.ciservices;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * How a job ended.
 *
 * @param status the outcome
 * @param exitCode the exit code of the failing command, 0 on success
 * @param timings how long each phase took, in phase order
 */
public record JobResult(Status status, int exitCode, Map<JobPhase, Duration> timings) {

  /** The outcome of a job. */
  public enum Status {
    /** Every command of {@code before_script} and {@code script} exited 0. */
    SUCCESS,
    /** A command exited non-zero; {@link #exitCode()} is its code. */
    FAILED,
    /** The job ran longer than its timeout. */
    TIMED_OUT
  }

  /** Copies the timings. */
  public JobResult {
    timings = Collections.unmodifiableMap(new EnumMap<>(timings.isEmpty() ? Map.of() : timings));
  }

  /** Whether the job succeeded. */
  public boolean succeeded() {
    return status == Status.SUCCESS;
  }
}
