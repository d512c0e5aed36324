package dev.ciservices.kubernetes.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ciservices.ImagePullException;
import dev.ciservices.JobPlan;
import dev.ciservices.JobPlanner;
import dev.ciservices.JobResult;
import dev.ciservices.JobSpec;
import dev.ciservices.RunnerConfig;
import dev.ciservices.RunningServices;
import dev.ciservices.ServiceNotReadyException;
import dev.ciservices.ServiceSpec;
import dev.ciservices.ServiceStartException;
import dev.ciservices.StartOptions;
import dev.ciservices.Variable;
import dev.ciservices.internal.ShellScript;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The whole life of a job pod on fabric8's mock API server, the test playing the kubelet. */
class PodLifecycleTest {
  private static final String NS = MockCluster.NAMESPACE;
  private static final String PREPARE = "set -e\nmkdir -p '/builds/local/project' '/builds/local/project.tmp'";
  private final MockCluster mock = new MockCluster();

  @AfterEach
  void close(org.junit.jupiter.api.TestInfo test) {
    System.out.println("--- trace of " + test.getDisplayName() + "\n" + String.join("\n", mock.trace.lines));
    mock.close();
  }

  private static JobPlan plan(JobSpec job) {
    // no docker config file: the machine's ~/.docker must not change what the pod gets
    return JobPlanner.plan(job, RunnerConfig.defaults().toBuilder().dockerConfig(java.nio.file.Path.of("/nonexistent"))
        .build());
  }

  private CompletableFuture<RunningServices> start(JobPlan plan) {
    Cluster cluster = mock.cluster(MockCluster.fast().build());
    return CompletableFuture.supplyAsync(() -> cluster.start(plan, StartOptions.gitlab(mock.trace)));
  }

  private List<Pod> pods() {
    return mock.client.pods().inNamespace(NS).list().getItems();
  }

  private static Throwable cause(CompletableFuture<?> future) throws InterruptedException {
    try {
      future.get(20, TimeUnit.SECONDS);
      throw new AssertionError("expected a failure");
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("no answer within 20 s");
    }
  }

  @Test
  void waitsThroughContainerCreatingWithTheRunnersLinesAndDeletesThePodOnClose() throws Exception {
    CompletableFuture<RunningServices> started = start(plan(JobSpec.ofServices(
        ServiceSpec.builder("postgres:16").alias("db").build())));
    Pod pod = mock.awaitPod();
    String name = pod.getMetadata().getName();
    mock.pendingCreating(pod);
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (mock.trace.lines.stream().noneMatch(l -> l.contains("ContainersNotReady")) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    mock.running(pod);
    try (RunningServices services = started.get(20, TimeUnit.SECONDS)) {
      assertThat(services.services()).singleElement()
          .satisfies(s -> assertThat(s.containerId()).isEqualTo(name + "/db"));
      assertThat(pods()).hasSize(1);
    }
    assertThat(pods()).isEmpty();
    List<String> lines = mock.trace.snapshot();
    assertThat(lines.subList(0, 5)).containsExactly(
        "Using Kubernetes namespace: ci",
        "Using Kubernetes executor with image " + dev.ciservices.kubernetes.KubernetesConfig.DEFAULT_HELPER_IMAGE + " ...",
        "Using effective pull policy of [] for container build",
        "Using effective pull policy of [] for container helper",
        "Using effective pull policy of [] for container db");
    assertThat(lines).contains("Waiting for pod ci/" + name + " to be running on the node <unknown>, status is Pending",
        "\tContainersNotReady: \"containers with unready status: [build helper]\"");
    // ContainerCreating is a container waiting reason: the runner never prints it
    assertThat(String.join("\n", lines)).doesNotContain("ContainerCreating");
  }

  @Test
  void anImagePullErrorFailsWithTheRunnersMessageAndLeavesNothing() throws Exception {
    CompletableFuture<RunningServices> started = start(plan(JobSpec.ofServices(
        ServiceSpec.builder("postgres:no-such-tag").alias("db").build())));
    Pod pod = mock.awaitPod();
    mock.status(pod, s -> s.withPhase("Pending").withContainerStatuses(MockCluster.running("build"),
        MockCluster.running("helper"),
        new io.fabric8.kubernetes.api.model.ContainerStatusBuilder(MockCluster.waiting("db", "ErrImagePull",
            "rpc error: code = NotFound desc = failed to pull and unpack image \"docker.io/library/postgres:no-such-tag\":"
                + " not found")).withImage("postgres:no-such-tag").build()));
    Throwable failure = cause(started);
    assertThat(failure).isInstanceOf(ImagePullException.class).hasMessage("prepare environment: waiting for pod running:"
        + " pulling image \"postgres:no-such-tag\" for container db: image pull failed: rpc error: code = NotFound desc ="
        + " failed to pull and unpack image \"docker.io/library/postgres:no-such-tag\": not found. Check"
        + " https://docs.gitlab.com/runner/shells/index.html#shell-profile-loading for more information.");
    assertThat(pods()).isEmpty();
  }

  @Test
  void aPodThatNeverRunsTimesOutWithTheLastPhase() throws Exception {
    JobPlan plan = plan(JobSpec.ofServices(ServiceSpec.of("redis:7")));
    Cluster cluster = mock.cluster(MockCluster.fast().pollTimeout(Duration.ofMillis(300)).build());
    CompletableFuture<RunningServices> started =
        CompletableFuture.supplyAsync(() -> cluster.start(plan, StartOptions.gitlab(mock.trace)));
    assertThat(cause(started)).isInstanceOf(ServiceStartException.class).hasMessage("prepare environment: waiting for"
        + " pod running: timed out waiting for pod to start (last phase: Pending). Check"
        + " https://docs.gitlab.com/runner/shells/index.html#shell-profile-loading for more information.");
    assertThat(pods()).isEmpty();
  }

  @Test
  void anInvalidAliasFailsPodSetupWithTheDocumentedErrorBeforeAnythingIsCreated() {
    JobPlan plan = plan(JobSpec.ofServices(ServiceSpec.builder("alpine:edge").alias("alpine_edge").build()));
    Cluster cluster = mock.cluster(MockCluster.fast().build());
    assertThatThrownBy(() -> cluster.start(plan, StartOptions.gitlab(mock.trace)))
        .isInstanceOf(ServiceStartException.class)
        .hasMessage("prepare environment: setting up build pod: provided host alias alpine_edge for service alpine:edge"
            + " is invalid DNS. a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-'"
            + " or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for"
            + " validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*'). Check"
            + " https://docs.gitlab.com/runner/shells/index.html#shell-profile-loading for more information.");
    assertThat(pods()).isEmpty();
  }

  @Test
  void theHealthCheckRunsInTheHelperForServicesThatSetTheirPort() throws Exception {
    CompletableFuture<RunningServices> started = start(plan(JobSpec.ofServices(
        ServiceSpec.builder("postgres:16").alias("db").variable("HEALTHCHECK_TCP_PORT", "5432").build(),
        ServiceSpec.builder("redis:7").alias("cache").build())));
    Pod pod = mock.awaitPod();
    mock.expectExec(pod.getMetadata().getName(), "helper", "gitlab-runner-helper health-check --port '5432'",
        "dialing localhost:5432...\ndial succeeded on localhost:5432. Exiting...\n", 0);
    mock.running(pod);
    try (RunningServices services = started.get(20, TimeUnit.SECONDS)) {
      assertThat(services.services()).hasSize(2);
    }
    assertThat(mock.trace.snapshot()).containsSubsequence("dialing localhost:5432...",
        "dial succeeded on localhost:5432. Exiting...");
    assertThat(mock.trace.events).filteredOn(e -> e instanceof dev.ciservices.JobEvent.ServiceReady)
        .singleElement().satisfies(e -> assertThat(((dev.ciservices.JobEvent.ServiceReady) e).service().kubernetesName())
            .isEqualTo("db"));
  }

  @Test
  void aFailedHealthCheckFailsTheStartAndDeletesThePod() throws Exception {
    CompletableFuture<RunningServices> started = start(plan(JobSpec.ofServices(
        ServiceSpec.builder("postgres:16").alias("db").variable("HEALTHCHECK_TCP_PORT", "5432").build())));
    Pod pod = mock.awaitPod();
    mock.expectExec(pod.getMetadata().getName(), "helper", "gitlab-runner-helper health-check --port '5432'",
        "dialing localhost:5432...\n", 1);
    mock.running(pod);
    assertThat(cause(started)).isInstanceOf(ServiceNotReadyException.class)
        .hasMessage("health check failed: command terminated with exit code 1");
    assertThat(pods()).isEmpty();
  }

  @Test
  void aServiceThatTerminatesDuringTheHealthCheckAbortsIt() throws Exception {
    CompletableFuture<RunningServices> started = start(plan(JobSpec.ofServices(
        ServiceSpec.builder("postgres:16").alias("db").variable("HEALTHCHECK_TCP_PORT", "5432").build(),
        ServiceSpec.builder("mysql:8").alias("other").build())));
    Pod pod = mock.awaitPod();
    // the helper keeps dialing: an exec that never ends
    mock.server.expect().get().withPath(MockCluster.execPath(pod.getMetadata().getName(), "helper"))
        .andUpgradeToWebSocket().open(ExecFrames.stdout(30_000, "dialing localhost:5432...\n"))
        .expect(MockCluster.stdin("gitlab-runner-helper health-check --port '5432'"))
        .andEmit(ExecFrames.stdout(0, "dialing localhost:5432...\n")).once()
        .done().once();
    mock.running(pod);
    Thread.sleep(300);
    mock.status(pod, s -> s.withPhase("Running").withContainerStatuses(MockCluster.running("build"),
        MockCluster.running("helper"), MockCluster.running("db"), MockCluster.terminated("other", 0, "Completed")));
    assertThat(cause(started)).isInstanceOf(ServiceNotReadyException.class)
        .hasMessage("Health check aborted due to error:  Error in container other: exit code: 0, reason: 'Completed'");
    assertThat(pods()).isEmpty();
  }

  @Test
  void withoutAHealthCheckPortADeadServiceDoesNotStopTheJob() throws Exception {
    CompletableFuture<RunningServices> started = start(plan(JobSpec.ofServices(
        ServiceSpec.builder("postgres:16").alias("db").build())));
    Pod pod = mock.awaitPod();
    mock.status(pod, s -> s.withPhase("Running").withContainerStatuses(MockCluster.running("build"),
        MockCluster.running("helper"), MockCluster.terminated("db", 1, "Error")));
    try (RunningServices services = started.get(20, TimeUnit.SECONDS)) {
      assertThat(services.services()).hasSize(1);
    }
  }

  @Test
  void ciDebugServicesStreamsEachServiceWithTheDockerPrefixAndColour() throws Exception {
    JobPlan plan = plan(JobSpec.builder().debugServices(true)
        .service(ServiceSpec.builder("postgres:16").alias("db").build()).build());
    CompletableFuture<RunningServices> started = start(plan);
    Pod pod = mock.awaitPod();
    mock.server.expect().get().withPath("/api/v1/namespaces/ci/pods/" + pod.getMetadata().getName()
            + "/log?pretty=false&container=db&timestamps=true&follow=true")
        .andReturn(200, "2026-12-01T00:00:01.000000001Z database system is ready\n"
            + "2026-12-01T00:00:01.5Z listening on port 5432\n").once();
    mock.running(pod);
    String prefix = plan.services().get(0).logColor() + "[service:" + plan.services().get(0).logName() + "] ";
    try (RunningServices services = started.get(20, TimeUnit.SECONDS)) {
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (mock.trace.lines.stream().noneMatch(l -> l.contains("listening")) && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
    }
    assertThat(mock.trace.snapshot()).containsSubsequence(
        prefix + "2026-12-01T00:00:01.000000001Z database system is ready\u001b[0;m",
        prefix + "2026-12-01T00:00:01.5Z listening on port 5432\u001b[0;m");
    assertThat(prefix).isEqualTo(plan.services().get(0).logColor() + "[service:postgres-db] ");
  }

  @Test
  void registryCredentialsBecomeADockercfgSecretOwnedByThePodAndDeletedWithIt() throws Exception {
    String auth = Base64.getEncoder().encodeToString("ci-user:s3cret-pass".getBytes(StandardCharsets.UTF_8));
    JobPlan plan = plan(JobSpec.builder().variable(Variable.secret("DOCKER_AUTH_CONFIG",
            "{\"auths\":{\"registry.example.com:5000\":{\"auth\":\"" + auth + "\"}}}").withMasked(false))
        .service(ServiceSpec.of("registry.example.com:5000/db:1")).build());
    CompletableFuture<RunningServices> started = start(plan);
    Pod pod = mock.awaitPod();
    String name = pod.getMetadata().getName();
    Secret secret = mock.client.secrets().inNamespace(NS).withName(name).get();
    assertThat(secret.getType()).isEqualTo("kubernetes.io/dockercfg");
    assertThat(secret.getData()).containsOnlyKeys(".dockercfg");
    String cfg = new String(Base64.getDecoder().decode(secret.getData().get(".dockercfg")), StandardCharsets.UTF_8);
    // the runner's legacy map: original key to {username, password, serveraddress}, empty fields left out
    assertThat(cfg).isEqualTo("{\"registry.example.com:5000\":{\"username\":\"ci-user\",\"password\":\"s3cret-pass\","
        + "\"serveraddress\":\"registry.example.com:5000\"}}");
    assertThat(pod.getSpec().getImagePullSecrets()).extracting(r -> r.getName()).containsExactly(name);
    mock.running(pod);
    try (RunningServices services = started.get(20, TimeUnit.SECONDS)) {
      Secret owned = mock.client.secrets().inNamespace(NS).withName(name).get();
      assertThat(owned.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> {
        assertThat(o.getKind()).isEqualTo("Pod");
        assertThat(o.getName()).isEqualTo(name);
        assertThat(o.getApiVersion()).isEqualTo("v1");
      });
    }
    assertThat(mock.client.secrets().inNamespace(NS).list().getItems()).isEmpty();
    assertThat(String.join("\n", mock.trace.lines)).doesNotContain("s3cret-pass").doesNotContain(auth);
  }

  @Test
  void aJobRunsItsScriptInTheBuildContainerAndTakesItsExitCode() throws Exception {
    JobPlan plan = plan(JobSpec.builder().image("alpine:3.22").script("echo hello", "exit 3")
        .service(ServiceSpec.builder("redis:7").alias("cache").build()).build());
    Cluster cluster = mock.cluster(MockCluster.fast().build());
    CompletableFuture<JobResult> run =
        CompletableFuture.supplyAsync(() -> cluster.run(plan, StartOptions.gitlab(mock.trace)));
    Pod pod = mock.awaitPod();
    mock.expectExec(pod.getMetadata().getName(), "build", PREPARE, "", 0);
    mock.expectExec(pod.getMetadata().getName(), "build",
        ShellScript.of("/builds/local/project", List.of("echo hello", "exit 3"), true), "$ echo hello\nhello\n$ exit 3\n", 3);
    mock.running(pod);
    JobResult result = run.get(20, TimeUnit.SECONDS);
    assertThat(result.status()).isEqualTo(JobResult.Status.FAILED);
    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(mock.trace.snapshot()).containsSubsequence("Executing \"step_script\" stage of the job script",
        "$ echo hello", "hello", "$ exit 3",
        "\u001b[31;1mERROR: Job failed: command terminated with exit code 3\u001b[0;m");
    assertThat(pods()).isEmpty();
  }

  @Test
  void aSucceedingJobPrintsJobSucceeded() throws Exception {
    JobPlan plan = plan(JobSpec.builder().image("alpine:3.22").script("true")
        .variable(Variable.secret("SECRET", "a b").withMasked(false)).build());
    Cluster cluster = mock.cluster(MockCluster.fast().build());
    CompletableFuture<JobResult> run =
        CompletableFuture.supplyAsync(() -> cluster.run(plan, StartOptions.gitlab(mock.trace)));
    Pod pod = mock.awaitPod();
    // a variable that is neither public nor internal is not in the container's env: the script exports it
    assertThat(pod.getSpec().getContainers().get(0).getEnv()).noneMatch(e -> e.getName().equals("SECRET"));
    assertThat(pod.getSpec().getContainers()).extracting(c -> c.getName()).containsExactly("build", "helper");
    mock.expectExec(pod.getMetadata().getName(), "build", PREPARE, "", 0);
    mock.expectExec(pod.getMetadata().getName(), "build", "export SECRET='a b'\n"
        + ShellScript.of("/builds/local/project", List.of("true"), true), "$ true\n", 0);
    mock.running(pod);
    assertThat(run.get(20, TimeUnit.SECONDS).succeeded()).isTrue();
    assertThat(mock.trace.snapshot()).last().isEqualTo("\u001b[32;1mJob succeeded\u001b[0;m");
    assertThat(pods()).isEmpty();
  }

  @Test
  void aJobWhosePodFailsPrintsTheSystemFailure() throws Exception {
    JobPlan plan = plan(JobSpec.builder().image("alpine:3.22").script("true").build());
    Cluster cluster = mock.cluster(MockCluster.fast().build());
    CompletableFuture<JobResult> run =
        CompletableFuture.supplyAsync(() -> cluster.run(plan, StartOptions.gitlab(mock.trace)));
    Pod pod = mock.awaitPod();
    mock.status(pod, s -> s.withPhase("Failed"));
    assertThat(cause(run)).hasMessageStartingWith("prepare environment: waiting for pod running: pod status is failed.");
    assertThat(mock.trace.snapshot()).last().isEqualTo("\u001b[31;1mERROR: Job failed (system failure): prepare"
        + " environment: waiting for pod running: pod status is failed. Check"
        + " https://docs.gitlab.com/runner/shells/index.html#shell-profile-loading for more information.\u001b[0;m");
    assertThat(pods()).isEmpty();
  }

  @Test
  void leftoversOfDeadJvmsOnThisHostAreSweptAndLiveOnesKept() {
    PodOwner owner = new PodOwner();
    java.util.Map<String, String> live = owner.labels();
    java.util.Map<String, String> dead = new java.util.LinkedHashMap<>(live);
    dead.put(PodOwner.PID, "999999999");
    mock.client.pods().inNamespace(NS).resource(new PodBuilder().withNewMetadata().withName("dead").withLabels(dead)
        .endMetadata().build()).create();
    mock.client.pods().inNamespace(NS).resource(new PodBuilder().withNewMetadata().withName("live").withLabels(live)
        .endMetadata().build()).create();
    mock.client.pods().inNamespace(NS).resource(new PodBuilder().withNewMetadata().withName("not-ours").endMetadata()
        .build()).create();
    assertThat(mock.cluster(MockCluster.fast().build()).sweepLeftovers()).containsExactly("pod dead");
    assertThat(pods()).extracting(p -> p.getMetadata().getName()).containsExactlyInAnyOrder("live", "not-ours");
  }

  @Test
  void interruptingTheStartDeletesThePod() throws Exception {
    JobPlan plan = plan(JobSpec.ofServices(ServiceSpec.of("redis:7")));
    Cluster cluster = mock.cluster(MockCluster.fast().build());
    java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
    Thread starter = new Thread(() -> {
      try {
        cluster.start(plan, StartOptions.gitlab(mock.trace)).close();
      } catch (Throwable t) {
        failure.set(t);
      }
    });
    starter.start();
    mock.awaitPod();
    starter.interrupt();
    starter.join(20_000);
    assertThat(failure.get()).hasMessageStartingWith("interrupted while starting the services of job "
        + plan.instanceId());
    assertThat(pods()).isEmpty();
  }
}
