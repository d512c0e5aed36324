package dev.ciservices.docker;

import dev.ciservices.spi.ServiceBackend;
import dev.ciservices.spi.ServiceBackendProvider;

/** Provides the {@code docker} backend to {@link dev.ciservices.ServiceBackends}. */
public final class DockerBackendProvider implements ServiceBackendProvider {
  @Override
  public String name() {
    return "docker";
  }

  @Override
  public int priority() {
    return 100;
  }

  @Override
  public ServiceBackend create() {
    return DockerBackend.connect(DockerOptions.defaults());
  }
}
