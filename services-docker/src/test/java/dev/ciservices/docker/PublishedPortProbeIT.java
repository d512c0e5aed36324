package dev.ciservices.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ciservices.JobPlan;
import dev.ciservices.JobPlanner;
import dev.ciservices.JobSpec;
import dev.ciservices.NotReadyPolicy;
import dev.ciservices.ReadinessProbe;
import dev.ciservices.RunningServices;
import dev.ciservices.ServiceNotReadyException;
import dev.ciservices.ServiceSpec;
import dev.ciservices.StartOptions;
import dev.ciservices.Wait;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The readiness probe for engines whose containers the JVM cannot reach (Docker Desktop, a remote
 * DOCKER_HOST), forced here on the local engine: ports are published and a connection only counts
 * when the engine's proxy keeps it open.
 */
class PublishedPortProbeIT {
  private static final DockerBackend VIA_PORTS =
      DockerBackend.connect(DockerOptions.defaults().withReadinessProbe(ReadinessProbe.PUBLISHED_PORT));

  @AfterAll
  static void close() {
    VIA_PORTS.close();
  }

  @Test
  void servicesThatListenAreReadyThroughTheirPublishedPorts() {
    JobPlan plan = JobPlanner.plan(JobSpec.ofServices(ServiceSpec.of("redis:7"),
        ServiceSpec.builder("ci-services/http-api:latest").waitFor(Wait.forHttp(8080, "/health")).build(),
        ServiceSpec.builder("busybox:latest").variable("HEALTHCHECK_TCP_PORT", "7000")
            .command("sh", "-c", "sleep 1; exec nc -ll -p 7000 -e echo ok").build()), Engines.LOCAL);
    try (RunningServices services = VIA_PORTS.start(plan,
        StartOptions.gitlab(new Engines.Recorder()).withNotReadyPolicy(NotReadyPolicy.FAIL))) {
      assertThat(services.services()).hasSize(3);
    }
    assertThat(Leftover.of(plan.instanceId())).isEmpty();
  }

  @Test
  void aPublishedPortWhoseServiceNeverListensIsNotReady() {
    JobPlan plan = JobPlanner.plan(JobSpec.ofServices(ServiceSpec.of("ci-services/never-listens:latest")),
        Engines.LOCAL.toBuilder().waitForServicesTimeout(3).build());
    String container = plan.services().get(0).containerName();
    // docker-proxy accepts on the published port, then closes: that must not count as ready
    assertThatThrownBy(() -> VIA_PORTS.start(plan, StartOptions.gitlab(new Engines.Recorder())
        .withNotReadyPolicy(NotReadyPolicy.FAIL)))
        .isInstanceOf(ServiceNotReadyException.class)
        .hasMessageContaining("Health check error:\nservice \"" + container + "-wait-for-service\" timeout\n");
    assertThat(Leftover.of(plan.instanceId())).isEmpty();
  }
}
