package dev.ciservices.kubernetes;

import java.util.Objects;

/**
 * How the Kubernetes backend connects and what pods it builds.
 *
 * @param runner the runner's {@code [runners.kubernetes]} keys
 * @param access how the calling JVM reaches service ports
 * @param sweepLeftovers delete, when connecting, the pods and secrets that killed JVMs on this host
 *     left in the namespace
 */
public record KubernetesOptions(KubernetesConfig runner, ServiceAccess access, boolean sweepLeftovers) {
  /** Checks the values. */
  public KubernetesOptions {
    Objects.requireNonNull(runner, "KubernetesOptions.runner");
    Objects.requireNonNull(access, "KubernetesOptions.access");
  }

  /** The runner's defaults, services reached as {@link ServiceAccess#AUTO} chooses, leftovers swept. */
  public static KubernetesOptions defaults() {
    return new KubernetesOptions(KubernetesConfig.defaults(), ServiceAccess.AUTO, true);
  }

  /** A copy with this runner configuration. */
  public KubernetesOptions withRunner(KubernetesConfig runner) {
    return new KubernetesOptions(runner, access, sweepLeftovers);
  }

  /** A copy that reaches services this way. */
  public KubernetesOptions withAccess(ServiceAccess access) {
    return new KubernetesOptions(runner, access, sweepLeftovers);
  }
}
