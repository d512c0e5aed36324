package dev.ciservices.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ciservices.ServiceBackends;
import dev.ciservices.ServicesException;
import dev.ciservices.spi.ServiceBackend;
import org.junit.jupiter.api.Test;

class EngineConnectionIT {
  @Test
  void negotiatesTheDaemonsApiVersionInsteadOfHardCodingOne() {
    String daemonApi = Engines.DOCKER.dockerClient().versionCmd().exec().getApiVersion();
    assertThat(Engines.DOCKER.apiVersion()).isEqualTo(daemonApi.compareTo("1.47") < 0 ? daemonApi : "1.47");
    assertThat(Engines.DOCKER.describe()).startsWith("Docker ").contains(", API " + Engines.DOCKER.apiVersion() + " (the daemon's");
  }

  @Test
  void saysInOneLineWhichDaemonAndWhyItCannotConnect() {
    assertThatThrownBy(() -> DockerBackend.connect(DockerOptions.defaults().withDockerHost("unix:///tmp/no-such-docker.sock")))
        .isInstanceOf(ServicesException.class)
        .hasMessageStartingWith("cannot connect to the Docker daemon at unix:///tmp/no-such-docker.sock"
            + " (DockerOptions.dockerHost): ")
        .hasMessageEndingWith("; start dockerd (scripts/engine does), or point DOCKER_HOST at a running engine")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void isFoundThroughTheServiceLoader() {
    try (ServiceBackend backend = ServiceBackends.open()) {
      assertThat(backend.name()).isEqualTo("docker");
      assertThat(backend).isInstanceOf(DockerBackend.class);
    }
  }
}
