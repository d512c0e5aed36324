package dev.ciservices;

import java.util.Objects;

/**
 * How a backend starts a plan's services: who hears the trace, what a service that is not ready
 * does to the start, whether containers are kept after a failure for debugging, and how readiness
 * is probed.
 *
 * @param listener receives the trace and events
 * @param notReadyPolicy {@link NotReadyPolicy#RUNNER} as GitLab Runner for the plan's mode (warn on Docker
 *     networks, fail in the pod mode), or {@link NotReadyPolicy#WARN} or {@link NotReadyPolicy#FAIL} in every mode
 * @param keepOnFailure when a start fails, leave the containers, network and volume for inspection
 *     (they keep their labels and are swept by a later run once this JVM has exited)
 * @param readinessProbe how this start checks readiness; {@link ReadinessProbe#AUTO} (the default)
 *     leaves it to the backend's own setting
 */
public record StartOptions(ServiceListener listener, NotReadyPolicy notReadyPolicy, boolean keepOnFailure,
    ReadinessProbe readinessProbe) {

  /** Checks the values. */
  public StartOptions {
    Objects.requireNonNull(listener, "StartOptions.listener");
    Objects.requireNonNull(notReadyPolicy, "StartOptions.notReadyPolicy");
    Objects.requireNonNull(readinessProbe, "StartOptions.readinessProbe");
  }

  /** Options that leave the readiness probe to the backend. */
  public StartOptions(ServiceListener listener, NotReadyPolicy notReadyPolicy, boolean keepOnFailure) {
    this(listener, notReadyPolicy, keepOnFailure, ReadinessProbe.AUTO);
  }

  /** GitLab's behaviour ({@link NotReadyPolicy#RUNNER}), trace to {@code listener}. */
  public static StartOptions gitlab(ServiceListener listener) {
    return new StartOptions(listener, NotReadyPolicy.RUNNER, false);
  }

  /** A copy with another policy. */
  public StartOptions withNotReadyPolicy(NotReadyPolicy policy) {
    return new StartOptions(listener, policy, keepOnFailure, readinessProbe);
  }

  /** A copy that keeps containers after a failed start. */
  public StartOptions withKeepOnFailure(boolean keep) {
    return new StartOptions(listener, notReadyPolicy, keep, readinessProbe);
  }

  /** A copy that checks readiness this way ({@link ReadinessProbe#AUTO}: as the backend decides). */
  public StartOptions withReadinessProbe(ReadinessProbe probe) {
    return new StartOptions(listener, notReadyPolicy, keepOnFailure, probe);
  }
}
