package dev.ciservices.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.command.InspectContainerResponse;
import dev.ciservices.JobEvent;
import dev.ciservices.JobPlan;
import dev.ciservices.JobPlanner;
import dev.ciservices.JobResult;
import dev.ciservices.JobSpec;
import dev.ciservices.NetworkMode;
import dev.ciservices.NotReadyPolicy;
import dev.ciservices.RunnerConfig;
import dev.ciservices.RunningServices;
import dev.ciservices.ServiceNotReadyException;
import dev.ciservices.ServiceSpec;
import dev.ciservices.StartOptions;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** {@link NetworkMode#POD} on the real engine: a Kubernetes executor's pod reproduced with containers. */
class PodModeIT {
  private static final RunnerConfig POD = Engines.LOCAL.toBuilder().networkMode(NetworkMode.POD).build();
  private static final String RESET = "\u001b[0;m";
  private static final String YELLOW = "\u001b[0;33m";

  /** busybox httpd serving {@code text} on {@code port}, in the foreground. */
  private static ServiceSpec.Builder httpd(String image, String alias, int port, String text) {
    return ServiceSpec.builder(image).alias(alias).command("sh", "-c",
        "mkdir -p /www && echo " + text + " > /www/index.html && exec httpd -f -p " + port + " -h /www");
  }

  private static InspectContainerResponse inspect(String id) {
    return Engines.DOCKER.dockerClient().inspectContainerCmd(id).exec();
  }

  @Test
  void theJobReachesTwoServicesOnLocalhostAndByTheirHostAliases() {
    JobSpec job = JobSpec.builder().name("pod").image("busybox:latest")
        .service(httpd("busybox:latest", "web-one", 8081, "one").build())
        .service(httpd("busybox:1.35", "web-two", 8082, "two").build())
        .script("wget -qO- http://localhost:8081/", "wget -qO- http://127.0.0.1:8082/",
            "wget -qO- http://web-one:8081/", "wget -qO- http://web-two:8082/", "grep -c '127.0.0.1.*web-' /etc/hosts")
        .build();
    JobPlan plan = JobPlanner.plan(job, POD);
    Engines.Recorder out = new Engines.Recorder();
    JobResult result = Engines.DOCKER.run(plan, StartOptions.gitlab(out));
    assertThat(result.status()).as(out.text()).isEqualTo(JobResult.Status.SUCCESS);
    assertThat(out.lines).containsSubsequence("one", "two", "one", "two", "2");
    // the Kubernetes rule: no service sets HEALTHCHECK_TCP_PORT, so nothing is checked or waited for
    assertThat(out.text()).doesNotContain("Waiting for services").doesNotContain("dialing");
    assertThat(Leftover.of(plan.instanceId())).isEmpty();
  }

  @Test
  void everyServiceJoinsTheNamespaceOwnerWhichHoldsTheHostsEntriesAndThePublishedPorts() throws Exception {
    JobPlan plan = JobPlanner.plan(JobSpec.ofServices(
        ServiceSpec.builder("ci-services/http-api:latest").alias("api").ports(8080)
            .variable("HEALTHCHECK_TCP_PORT", "8080").build()), POD.toBuilder().extraHosts("db.local:10.1.2.3").build());
    Engines.Recorder out = new Engines.Recorder();
    try (RunningServices services = Engines.DOCKER.start(plan, StartOptions.gitlab(out))) {
      String owner = plan.namespaceOwner().orElseThrow().name();
      InspectContainerResponse pod = inspect(owner);
      assertThat(pod.getConfig().getLabels()).containsEntry("dev.ciservices.type", "pod")
          .containsEntry("dev.ciservices.job.instance", plan.instanceId()).containsKey("dev.ciservices.session");
      assertThat(Arrays.asList(pod.getHostConfig().getExtraHosts())).containsExactly(
          "ci-services-http-api:127.0.0.1", "api:127.0.0.1", "db.local:10.1.2.3");
      InspectContainerResponse api = inspect(services.services().get(0).containerId());
      assertThat(api.getHostConfig().getNetworkMode()).isEqualTo("container:" + pod.getId());
      // the service's published port is the owner's, and the JVM reaches the service through it
      var endpoint = services.services().get(0).endpoint(8080).orElseThrow();
      try (var socket = new java.net.Socket(endpoint.host(), endpoint.port())) {
        assertThat(socket.isConnected()).isTrue();
      }
      assertThat(out.lines).contains("dialing localhost:8080...", "dial succeeded on localhost:8080. Exiting...");
    }
    assertThat(Leftover.of(plan.instanceId())).isEmpty();
  }

  @Test
  void twoServicesOnOnePortCollideAndTheJobGoesOnAsInAPod() {
    JobSpec job = JobSpec.builder().name("clash").image("busybox:latest").variable("CI_DEBUG_SERVICES", "true")
        .service(httpd("busybox:latest", "first", 8080, "first").build())
        .service(ServiceSpec.builder("busybox:latest").alias("second")
            .command("sh", "-c", "sleep 1; exec httpd -f -p 8080").build())
        .script("sleep 2", "wget -qO- http://localhost:8080/").build();
    JobPlan plan = JobPlanner.plan(job, POD);
    Engines.Recorder out = new Engines.Recorder();
    JobResult result = Engines.DOCKER.run(plan, StartOptions.gitlab(out));
    assertThat(result.status()).as(out.text()).isEqualTo(JobResult.Status.SUCCESS);
    assertThat(out.lines).contains("first");
    // the second one's bind error, in its log as the pod's container shows it
    assertThat(out.lines).anySatisfy(l -> assertThat(l).contains("[service:second] ")
        .endsWith("httpd: bind: Address already in use" + RESET));
    assertThat(Leftover.of(plan.instanceId())).isEmpty();
  }

  @Test
  void aServiceThatLosesThePortDuringTheHealthCheckAbortsItAndFailsTheJob() {
    JobSpec job = JobSpec.builder().name("clash").image("busybox:latest")
        .service(httpd("busybox:latest", "first", 8080, "first").build())
        // binds 8080 (taken: exits 1 with its bind error), then would serve its checked port 8081
        .service(ServiceSpec.builder("busybox:latest").alias("second").variable("HEALTHCHECK_TCP_PORT", "8081")
            .command("sh", "-c", "sleep 1; httpd -p 8080 && exec httpd -f -p 8081").build())
        .script("echo never").build();
    JobPlan plan = JobPlanner.plan(job, POD);
    Engines.Recorder out = new Engines.Recorder();
    assertThatThrownBy(() -> Engines.DOCKER.run(plan, StartOptions.gitlab(out)))
        .isInstanceOf(ServiceNotReadyException.class)
        .hasMessage("Health check aborted due to error:  Error in container second: exit code: 1, reason: 'Error'");
    assertThat(out.lines).contains("dialing localhost:8081...",
        "Health check aborted due to error:  Error in container second: exit code: 1, reason: 'Error'");
    assertThat(out.lines).doesNotContain("never");
    assertThat(out.events).anySatisfy(e -> assertThat(e).isInstanceOf(JobEvent.ServiceNotReady.class));
    assertThat(Leftover.of(plan.instanceId())).isEmpty();
  }

  @Test
  void onlyAServiceWithItsOwnHealthCheckPortIsCheckedAndOneNeverListeningFailsTheJob() {
    // never-listens exposes 9999 and never listens: without HEALTHCHECK_TCP_PORT nobody waits for it
    JobSpec unchecked = JobSpec.builder().name("unchecked").image("busybox:latest")
        .variable("HEALTHCHECK_TCP_PORT", "9999") // a job variable: the Kubernetes executor ignores it
        .service(ServiceSpec.of("ci-services/never-listens:latest")).script("echo ran").build();
    Engines.Recorder out = new Engines.Recorder();
    long started = System.nanoTime();
    JobResult result = Engines.DOCKER.run(JobPlanner.plan(unchecked, POD), StartOptions.gitlab(out));
    assertThat(result.status()).as(out.text()).isEqualTo(JobResult.Status.SUCCESS);
    assertThat(out.lines).contains("ran");
    assertThat(out.text()).doesNotContain("dialing").doesNotContain("probably didn't start properly");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));

    JobSpec checked = JobSpec.builder().name("checked").image("busybox:latest").timeout(Duration.ofSeconds(3))
        .service(ServiceSpec.builder("ci-services/never-listens:latest").variable("HEALTHCHECK_TCP_PORT", "9999")
            .build())
        .script("echo never").build();
    JobPlan plan = JobPlanner.plan(checked, POD);
    Engines.Recorder failed = new Engines.Recorder();
    assertThatThrownBy(() -> Engines.DOCKER.run(plan, StartOptions.gitlab(failed)))
        .isInstanceOf(ServiceNotReadyException.class).hasMessage("health check failed: the job timed out");
    assertThat(failed.lines).contains("dialing localhost:9999...").doesNotContain("never");
    assertThat(failed.lines.stream().filter("dialing localhost:9999..."::equals).count()).isBetween(3L, 5L);
    assertThat(Leftover.of(plan.instanceId())).isEmpty();
  }

  @Test
  void anExplicitWarnPolicyPrintsTheDockerExecutorsBlockForTheFailedCheckAndTheJobGoesOn() {
    JobSpec job = JobSpec.builder().name("warned").image("busybox:latest")
        .service(ServiceSpec.builder("busybox:latest").alias("crashy").variable("HEALTHCHECK_TCP_PORT", "7000")
            .command("sh", "-c", "echo 'fatal: config missing'; exit 3").build())
        .script("echo ran").build();
    JobPlan plan = JobPlanner.plan(job, POD);
    String container = plan.services().get(0).containerName();
    String aborted = "Health check aborted due to error:  Error in container crashy: exit code: 3, reason: 'Error'";
    Engines.Recorder out = new Engines.Recorder();
    JobResult result = Engines.DOCKER.run(plan, StartOptions.gitlab(out).withNotReadyPolicy(NotReadyPolicy.WARN));
    assertThat(result.status()).as(out.text()).isEqualTo(JobResult.Status.SUCCESS);
    assertThat(out.lines).containsSubsequence(aborted, "ran");
    String block = out.lines.stream().filter(l -> l.contains("probably didn't start properly")).findFirst().orElseThrow();
    assertThat(block).matches("\n" + java.util.regex.Pattern.quote(YELLOW + "*** WARNING:" + RESET + " Service " + container
        + " probably didn't start properly.\n\nHealth check error:\n" + aborted + "\n\nService container logs:\n")
        + "\\S+Z fatal: config missing"
        + java.util.regex.Pattern.quote("\n\n" + YELLOW + "*********" + RESET + "\n"));
    assertThat(out.lines.stream().filter(l -> l.contains("probably didn't start properly"))).hasSize(1);
    assertThat(Leftover.of(plan.instanceId())).isEmpty();

    // the runner's rule (StartOptions.gitlab's default) fails the same job, as the Kubernetes executor does
    JobPlan again = JobPlanner.plan(job, POD);
    Engines.Recorder failed = new Engines.Recorder();
    assertThatThrownBy(() -> Engines.DOCKER.run(again, StartOptions.gitlab(failed)))
        .isInstanceOf(ServiceNotReadyException.class).hasMessage(aborted);
    assertThat(failed.text()).doesNotContain("probably didn't start properly");
    assertThat(failed.lines).doesNotContain("ran");
    assertThat(Leftover.of(again.instanceId())).isEmpty();
  }

  @Test
  void theNamespaceOwnerRunsThePlannedImage() {
    JobPlan plan = JobPlanner.plan(JobSpec.ofServices(httpd("busybox:latest", "web", 8081, "one").build()),
        POD.toBuilder().podOwnerImage("busybox:1.35").build());
    try (RunningServices ignored = Engines.DOCKER.start(plan, StartOptions.gitlab(new Engines.Recorder()))) {
      // Podman names it docker.io/library/busybox:1.35
      assertThat(inspect(plan.namespaceOwner().orElseThrow().name()).getConfig().getImage()).endsWith("busybox:1.35");
    }
    assertThat(Leftover.of(plan.instanceId())).isEmpty();
  }
}
