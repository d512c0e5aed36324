package dev.ciservices.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ciservices.EngineInfo;
import dev.ciservices.JobEvent;
import dev.ciservices.JobSpec;
import dev.ciservices.ReadinessProbe;
import dev.ciservices.RunningServices;
import dev.ciservices.ServiceBackends;
import dev.ciservices.ServiceSpec;
import dev.ciservices.ServicesException;
import dev.ciservices.spi.ServiceBackend;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EngineConnectionIT {
  @Test
  void negotiatesTheDaemonsApiVersionInsteadOfHardCodingOne() {
    String daemonApi = Engines.DOCKER.dockerClient().versionCmd().exec().getApiVersion();
    assertThat(Engines.DOCKER.apiVersion()).isEqualTo(daemonApi.compareTo("1.47") < 0 ? daemonApi : "1.47");
    assertThat(Engines.DOCKER.describe()).startsWith(Engines.DOCKER.engineInfo().name() + " at ")
        .contains(", API " + Engines.DOCKER.apiVersion() + " (the daemon's");
  }

  @Test
  void namesTheEngineAsItReportsItselfToTheDockerCli() throws Exception {
    EngineInfo info = Engines.DOCKER.engineInfo();
    String components = cli("version", "--format", "{{range .Server.Components}}{{.Name}} {{end}}");
    String product = components.contains("Podman") ? "Podman" : "Docker";
    String expected = System.getenv("CI_SERVICES_EXPECT_ENGINE");
    if (expected != null && !expected.isBlank()) {
      assertThat(product).as("the engine this CI leg runs against").isEqualTo(expected);
    }
    assertThat(info.product()).isEqualTo(product);
    assertThat(info.version()).isEqualTo(cli("version", "--format", "{{.Server.Version}}"));
    assertThat(info.os()).isEqualTo(cli("info", "--format", "{{.OperatingSystem}}"));
    assertThat(info.rootless()).isEqualTo(cli("info", "--format", "{{.SecurityOptions}}").contains("rootless"));
    assertThat(Engines.DOCKER.describe()).startsWith(product + " " + info.version() + " at ")
        .contains("), " + info.os() + (info.rootless() ? ", rootless" : "") + "; readiness: ");
  }

  @Test
  void tellsListenersWhichEngineAndProbeAStartUses() {
    Engines.Recorder recorder = new Engines.Recorder();
    try (RunningServices ignored = Engines.start(JobSpec.ofServices(ServiceSpec.of("redis:7")), Engines.LOCAL,
        recorder)) {
      List<EngineInfo> used = recorder.events.stream().filter(e -> e instanceof JobEvent.EngineUsed)
          .map(e -> ((JobEvent.EngineUsed) e).engine()).toList();
      assertThat(used).hasSize(1);
      // decided by the time the services exist: the health check needs it
      assertThat(used.get(0).readinessProbe()).isIn(ReadinessProbe.CONTAINER_ADDRESS, ReadinessProbe.PUBLISHED_PORT);
      assertThat(used.get(0)).isEqualTo(Engines.DOCKER.engineInfo());
    }
  }

  @Test
  void aReadinessProbeAskedForIsSaidToBeAsked() {
    try (DockerBackend ports = DockerBackend.connect(DockerOptions.defaults()
        .withReadinessProbe(ReadinessProbe.PUBLISHED_PORT))) {
      assertThat(ports.describe()).endsWith("; readiness: published port (as DockerOptions.readinessProbe asks)");
    }
  }

  private static String cli(String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("docker"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
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
