package dev.ciservices.kubernetes;

import dev.ciservices.spi.ServiceBackend;
import dev.ciservices.spi.ServiceBackendProvider;

/**
 * Provides the {@code kubernetes} backend to {@link dev.ciservices.ServiceBackends}; below Docker, so
 * it is used when chosen by name or when no Docker engine answers.
 */
public final class KubernetesBackendProvider implements ServiceBackendProvider {
  @Override
  public String name() {
    return "kubernetes";
  }

  @Override
  public int priority() {
    return 50;
  }

  @Override
  public ServiceBackend create() {
    return KubernetesBackend.connect(KubernetesOptions.defaults());
  }
}
