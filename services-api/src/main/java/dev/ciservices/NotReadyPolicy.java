package dev.ciservices;

/** What happens when a service is not ready in time, exits during the wait, or fails a condition. */
public enum NotReadyPolicy {
  /**
   * GitLab Runner's rule for the executor the plan reproduces ({@link StartOptions#gitlab}'s
   * default): {@link #WARN} in {@link NetworkMode#PER_JOB} and {@link NetworkMode#LEGACY_LINKS} (the
   * Docker executor warns and goes on), {@link #FAIL} in {@link NetworkMode#POD} (the Kubernetes
   * executor fails the job when its health check fails).
   */
  RUNNER,
  /**
   * The Docker executor's behaviour, in every mode: print the {@code *** WARNING: Service ...
   * probably didn't start properly.} block and go on. In {@link NetworkMode#POD} only when chosen
   * explicitly, since the Kubernetes executor fails there.
   */
  WARN,
  /** Remove everything and throw {@link ServiceNotReadyException} with the same diagnosis: for test suites. */
  FAIL;

  /** This policy for a plan in {@code mode}: {@link #RUNNER} resolved, {@link #WARN} and {@link #FAIL} as they are. */
  public NotReadyPolicy in(NetworkMode mode) {
    if (this != RUNNER) {
      return this;
    }
    return mode == NetworkMode.POD ? FAIL : WARN;
  }
}
