package dev.ciservices;

/**
 * Where a service was declared: in the runner's configuration ({@code [[runners.docker.services]]})
 * or in the job's {@code services:}, with its index there. {@link #field()} is the display form.
 *
 * @param source which list declares it
 * @param index its position in that list, from 0
 */
public record ServiceOrigin(Source source, int index) {

  /** The list a service comes from. */
  public enum Source {
    /** The runner's configuration, {@code config.services[i]}. */
    RUNNER_CONFIG,
    /** The job, {@code services[i]}. */
    JOB
  }

  /** Checks the values. */
  public ServiceOrigin {
    if (source == null) {
      throw new NullPointerException("ServiceOrigin.source");
    }
    if (index < 0) {
      throw new IllegalArgumentException("ServiceOrigin.index " + index + " is negative; use 0 or more");
    }
  }

  /** The origin of the job's service at {@code index}. */
  public static ServiceOrigin job(int index) {
    return new ServiceOrigin(Source.JOB, index);
  }

  /** The origin of the runner configuration's service at {@code index}. */
  public static ServiceOrigin runnerConfig(int index) {
    return new ServiceOrigin(Source.RUNNER_CONFIG, index);
  }

  /** Whether the job declares it. */
  public boolean fromJob() {
    return source == Source.JOB;
  }

  /** The path for display: {@code services[1]} or {@code config.services[0]}. */
  public String field() {
    return (source == Source.JOB ? "services[" : "config.services[") + index + "]";
  }

  @Override
  public String toString() {
    return field();
  }
}
