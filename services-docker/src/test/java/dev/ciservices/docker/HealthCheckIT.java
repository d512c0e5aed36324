package dev.ciservices.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ciservices.RunnerConfig;
import dev.ciservices.JobPlan;
import dev.ciservices.JobPlanner;
import dev.ciservices.JobSpec;
import dev.ciservices.NotReadyPolicy;
import dev.ciservices.RunningServices;
import dev.ciservices.ServiceNotReadyException;
import dev.ciservices.ServiceSpec;
import dev.ciservices.StartOptions;
import dev.ciservices.Wait;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class HealthCheckIT {
  private static final String YELLOW = "\u001b[0;33m";
  private static final String RESET = "\u001b[0;m";
  private static final RunnerConfig SHORT = Engines.LOCAL.toBuilder().waitForServicesTimeout(3).build();

  private static String block(String container, String error, String logs) {
    return "\n" + YELLOW + "*** WARNING:" + RESET + " Service " + container + " probably didn't start properly.\n\n"
        + "Health check error:\n" + error + "\n\nService container logs:\n" + logs + "\n\n" + YELLOW + "*********" + RESET + "\n";
  }

  @Test
  void warnsWithGitLabsBlockWhenTheImageExposesNoPortAndTheJobGoesOn() {
    Engines.Recorder trace = new Engines.Recorder();
    JobPlan plan = JobPlanner.plan(JobSpec.ofServices(ServiceSpec.builder("busybox:latest")
        .command("sh", "-c", "echo no ports here; sleep 60").build()), SHORT);
    String container = plan.services().get(0).containerName();
    try (RunningServices services = Engines.DOCKER.start(plan, StartOptions.gitlab(trace))) {
      assertThat(services.services()).hasSize(1);
    }
    String block = trace.lines.stream().filter(l -> l.contains("probably didn't start properly")).findFirst().orElseThrow();
    assertThat(block).startsWith(block(container, "service \"" + container + "\" has no exposed ports", "").split("Service container logs:")[0]);
    // the logs are read when the warning is made, as the runner reads them: under load the shell may
    // not have printed its line yet, so the section holds that line or nothing
    assertThat(block).containsPattern("Service container logs:\n(\\S+Z no ports here\n)?\n")
        .endsWith("\n\n" + YELLOW + "*********" + RESET + "\n");
  }

  @Test
  void warnsWithinTheTimeoutWhenTheServiceNeverListens() {
    Engines.Recorder trace = new Engines.Recorder();
    JobPlan plan = JobPlanner.plan(JobSpec.ofServices(ServiceSpec.of("ci-services/never-listens:latest")), SHORT);
    String container = plan.services().get(0).containerName();
    try (RunningServices ignored = Engines.DOCKER.start(plan, StartOptions.gitlab(trace))) {
      assertThat(trace.lines).contains("Waiting for services to be up and running (timeout 3 seconds)...");
    }
    assertThat(trace.text()).contains(YELLOW + "*** WARNING:" + RESET + " Service " + container
        + " probably didn't start properly.\n\nHealth check error:\nservice \"" + container + "-wait-for-service\" timeout\n");
  }

  @Test
  void reportsAServiceThatExitsDuringTheWaitAtOnceWithItsExitCodeAndLogs() {
    JobPlan plan = JobPlanner.plan(JobSpec.ofServices(ServiceSpec.builder("busybox:latest").alias("crashy")
        .variable("HEALTHCHECK_TCP_PORT", "7000").command("sh", "-c", "echo 'fatal: config missing' >&2; exit 3").build()),
        Engines.LOCAL.toBuilder().waitForServicesTimeout(120).build());
    String container = plan.services().get(0).containerName();
    long started = System.nanoTime();
    assertThatThrownBy(() -> Engines.DOCKER.start(plan, StartOptions.gitlab(new Engines.Recorder())
        .withNotReadyPolicy(NotReadyPolicy.FAIL)))
        .isInstanceOf(ServiceNotReadyException.class)
        .hasMessageStartingWith("Service busybox:latest (services[0], hostnames [busybox, crashy], image busybox:latest,"
            + " container " + container + " ")
        .hasMessageContaining("probably didn't start properly.\nHealth check error:\nservice \"" + container
            + "\" exited with code 3 before it was ready\nService container logs (last 20 lines):\n")
        .hasMessageEndingWith(" fatal: config missing");
    // reported long before the 120 s timeout: the diagnosis does not wait for it
    assertThat((System.nanoTime() - started) / 1_000_000_000).isLessThan(60);
    assertThat(Leftover.of(plan.instanceId())).isEmpty();
  }

  @Test
  void healthcheckTcpPortFromTheImageEnvWins() {
    Engines.Recorder trace = new Engines.Recorder();
    // env-echo exposes 7000 and 7001, listens on 7000 only, and has ENV HEALTHCHECK_TCP_PORT=7000
    JobPlan plan = JobPlanner.plan(JobSpec.ofServices(ServiceSpec.of("ci-services/env-echo:latest")), SHORT);
    try (RunningServices ignored = Engines.DOCKER.start(plan, StartOptions.gitlab(trace).withNotReadyPolicy(NotReadyPolicy.FAIL))) {
      assertThat(trace.text()).doesNotContain("probably didn't start properly");
    }
  }

  @Test
  void negativeTimeoutSkipsTheCheckAndItsLine() {
    Engines.Recorder trace = new Engines.Recorder();
    JobPlan plan = JobPlanner.plan(JobSpec.ofServices(ServiceSpec.of("ci-services/never-listens:latest")),
        Engines.LOCAL.toBuilder().waitForServicesTimeout(-1).build());
    try (RunningServices ignored = Engines.DOCKER.start(plan, StartOptions.gitlab(trace))) {
      assertThat(trace.text()).doesNotContain("Waiting for services").doesNotContain("probably didn't start properly");
    }
  }

  @Test
  void waitsForTheDockerHealthcheckWhenAsked() {
    JobPlan plan = JobPlanner.plan(JobSpec.ofServices(ServiceSpec.builder("ci-services/healthcheck:latest")
        .waitFor(Wait.forHealthcheck()).build()), Engines.LOCAL);
    if (Engines.DOCKER.engineInfo().product().equals("Podman") && !Files.isDirectory(Path.of("/run/systemd/system"))) {
      // Podman runs HEALTHCHECKs from systemd timers: without systemd, say so as soon as it is clear
      String container = plan.services().get(0).containerName();
      assertThatThrownBy(() -> Engines.DOCKER.start(plan,
          StartOptions.gitlab(new Engines.Recorder()).withNotReadyPolicy(NotReadyPolicy.FAIL)))
          .isInstanceOf(ServiceNotReadyException.class)
          .hasMessageContaining("Health check error:\nservice \"" + container + "\" cannot pass Docker HEALTHCHECK"
              + " healthy: the engine has not run the image's HEALTHCHECK once in ")
          .hasMessageContaining(" s (start period 5 s, interval 1 s); Podman runs HEALTHCHECKs from systemd timers, so"
              + " without systemd (podman system service started by hand, in a container, on a machine without"
              + " systemd) the status stays \"starting\": run Podman under systemd, or wait with"
              + " Wait.forLogMessage(...) or Wait.forHttp(...) instead\n");
      assertThat(Leftover.of(plan.instanceId())).isEmpty();
      return;
    }
    try (RunningServices services = Engines.DOCKER.start(plan,
        StartOptions.gitlab(new Engines.Recorder()).withNotReadyPolicy(NotReadyPolicy.FAIL))) {
      String id = services.services().get(0).containerId();
      assertThat(Engines.DOCKER.dockerClient().inspectContainerCmd(id).exec().getState().getHealth().getStatus())
          .isEqualTo("healthy");
    }
  }

  @Test
  void waitsForALogMessageAndAnHttpAnswer() {
    JobPlan plan = JobPlanner.plan(JobSpec.builder().variable("POSTGRES_PASSWORD", "pw")
        .service(ServiceSpec.builder("postgres:15").waitFor(Wait.forLogMessage(".*ready to accept connections.*", 2)).build())
        .service(ServiceSpec.builder("ci-services/http-api:latest").waitFor(Wait.forHttp(8080, "/health")).build())
        .build(), Engines.LOCAL);
    try (RunningServices services = Engines.DOCKER.start(plan,
        StartOptions.gitlab(new Engines.Recorder()).withNotReadyPolicy(NotReadyPolicy.FAIL))) {
      assertThat(services.services()).hasSize(2);
    }
  }

  @Test
  void aConditionThatNeverHoldsFailsWithWhatWasSeen() {
    JobPlan plan = JobPlanner.plan(JobSpec.ofServices(ServiceSpec.builder("ci-services/http-api:latest").alias("api")
        .waitFor(Wait.forHttp(8080, "/missing")).build()), SHORT);
    String container = plan.services().get(0).containerName();
    assertThatThrownBy(() -> Engines.DOCKER.start(plan, StartOptions.gitlab(new Engines.Recorder())
        .withNotReadyPolicy(NotReadyPolicy.FAIL)))
        .isInstanceOf(ServiceNotReadyException.class)
        .hasMessageContaining("service \"" + container + "\" timeout waiting for HTTP GET :8080/missing answers 200: status 404");
    assertThat(Leftover.of(plan.instanceId())).isEmpty();
  }
}
