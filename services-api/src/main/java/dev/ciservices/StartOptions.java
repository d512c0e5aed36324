package dev.ciservices;

import java.util.Objects;

/**
 * How a backend starts a plan's services: who hears the trace, what a service that is not ready
 * does to the start, and whether containers are kept after a failure for debugging.
 *
 * @param listener receives the trace and events
 * @param notReadyPolicy {@link NotReadyPolicy#WARN} as GitLab, or {@link NotReadyPolicy#FAIL}
 * @param keepOnFailure when a start fails, leave the containers, network and volume for inspection
 *     (they keep their labels and are swept by a later run once this JVM has exited)
 */
public record StartOptions(ServiceListener listener, NotReadyPolicy notReadyPolicy, boolean keepOnFailure) {

  /** Checks the values. */
  public StartOptions {
    Objects.requireNonNull(listener, "StartOptions.listener");
    Objects.requireNonNull(notReadyPolicy, "StartOptions.notReadyPolicy");
  }

  /** GitLab's behaviour, trace to {@code listener}. */
  public static StartOptions gitlab(ServiceListener listener) {
    return new StartOptions(listener, NotReadyPolicy.WARN, false);
  }

  /** A copy with another policy. */
  public StartOptions withNotReadyPolicy(NotReadyPolicy policy) {
    return new StartOptions(listener, policy, keepOnFailure);
  }

  /** A copy that keeps containers after a failed start. */
  public StartOptions withKeepOnFailure(boolean keep) {
    return new StartOptions(listener, notReadyPolicy, keep);
  }
}
