package dev.ciservices.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import dev.ciservices.JobPlan;
import dev.ciservices.JobPlanner;
import dev.ciservices.JobSpec;
import dev.ciservices.RunningServices;
import dev.ciservices.ServiceSpec;
import dev.ciservices.ServiceStartException;
import dev.ciservices.ServicesException;
import dev.ciservices.StartOptions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TeardownIT {
  private final DockerClient docker = Engines.DOCKER.dockerClient();

  @Test
  void closeRemovesContainersNetworkAndVolumeAndIsIdempotent() {
    JobPlan plan = JobPlanner.plan(JobSpec.ofServices(ServiceSpec.of("redis:7"), ServiceSpec.of("ci-services/http-api:latest")),
        Engines.LOCAL);
    RunningServices services = Engines.DOCKER.start(plan, StartOptions.gitlab(new Engines.Recorder()));
    assertThat(Leftover.of(plan.instanceId())).hasSize(4);
    services.close();
    services.close();
    assertThat(Leftover.of(plan.instanceId())).isEmpty();
  }

  @Test
  void closingTheBackendKeepsOpenHandlesWorkingUntilTheyAreClosed() {
    JobPlan plan = JobPlanner.plan(JobSpec.ofServices(ServiceSpec.builder("redis:7").ports(6379).build()), Engines.LOCAL);
    DockerBackend backend = DockerBackend.connect();
    RunningServices services = backend.start(plan, StartOptions.gitlab(new Engines.Recorder()));
    backend.close();
    assertThatThrownBy(() -> backend.start(plan, StartOptions.gitlab(new Engines.Recorder())))
        .isInstanceOf(ServicesException.class)
        .hasMessageEndingWith(" is closed; connect a new one with DockerBackend.connect()");
    assertThat(Leftover.of(plan.instanceId())).hasSize(3);
    services.close();
    assertThat(Leftover.of(plan.instanceId())).isEmpty();
  }

  @Test
  void aJobRunEarlierDoesNotLetCloseReleaseWhatAnOpenHandleStillNeeds() {
    DockerBackend backend = DockerBackend.connect();
    JobPlan job = JobPlanner.plan(JobSpec.builder().image(Probe.CLIENTS).script("true").build(), Engines.LOCAL);
    assertThat(backend.run(job, StartOptions.gitlab(new Engines.Recorder())).succeeded()).isTrue();
    JobPlan plan = JobPlanner.plan(JobSpec.ofServices(ServiceSpec.of("redis:7")), Engines.LOCAL);
    RunningServices services = backend.start(plan, StartOptions.gitlab(new Engines.Recorder()));
    backend.close();
    // the run's use was released once: the open handle still has the connection to remove its services
    services.close();
    assertThat(Leftover.of(plan.instanceId())).isEmpty();
  }

  @Test
  void aStartThatFailsHalfWayRemovesWhatWasCreated() {
    // the second service cannot be created: its entrypoint does not exist in the image
    JobPlan plan = JobPlanner.plan(JobSpec.ofServices(ServiceSpec.of("redis:7"),
        ServiceSpec.builder("busybox:latest").alias("broken").entrypoint("/no/such/binary").build()), Engines.LOCAL);
    assertThatThrownBy(() -> Engines.DOCKER.start(plan, StartOptions.gitlab(new Engines.Recorder())))
        .isInstanceOf(ServiceStartException.class)
        .hasMessageStartingWith("start service container: " + plan.services().get(1).containerName()
            + " from busybox:latest: ")
        .hasMessageContaining("/no/such/binary");
    assertThat(Leftover.of(plan.instanceId())).isEmpty();
  }

  @Test
  void anInterruptedStartRemovesEverythingAndKeepsTheInterruptFlag() throws Exception {
    JobPlan plan = JobPlanner.plan(JobSpec.ofServices(ServiceSpec.of("redis:7"), ServiceSpec.of("ci-services/never-listens:latest")),
        Engines.LOCAL);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    AtomicReference<Boolean> interrupted = new AtomicReference<>();
    Engines.Recorder trace = new Engines.Recorder();
    Thread starter = new Thread(() -> {
      try {
        Engines.DOCKER.start(plan, StartOptions.gitlab(trace)).close();
      } catch (Throwable t) {
        failure.set(t);
        interrupted.set(Thread.currentThread().isInterrupted());
      }
    });
    starter.start();
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
    while (trace.lines.stream().noneMatch(l -> l.startsWith("Waiting for services"))) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the start did not reach \"Waiting for services\" within 60 s; trace:\n" + trace.text());
      }
      Thread.sleep(20);
    }
    starter.interrupt();
    starter.join(30_000);
    assertThat(failure.get()).isInstanceOf(ServicesException.class)
        .hasMessageStartingWith("interrupted while starting the services of job " + plan.instanceId() + "; removed container ")
        .hasMessageEndingWith(", network runner-local-0-0-0-" + plan.instanceId() + ", volume "
            + plan.buildsVolume());
    assertThat(interrupted.get()).isTrue();
    assertThat(Leftover.of(plan.instanceId())).isEmpty();
  }

  @Test
  void keepOnFailureLeavesTheContainersAndSaysHowToFindThem() {
    Engines.Recorder trace = new Engines.Recorder();
    JobPlan plan = JobPlanner.plan(JobSpec.ofServices(ServiceSpec.builder("busybox:latest").entrypoint("/no/such/binary").build()),
        Engines.LOCAL);
    try {
      assertThatThrownBy(() -> Engines.DOCKER.start(plan, StartOptions.gitlab(trace).withKeepOnFailure(true)))
          .isInstanceOf(ServiceStartException.class)
          .hasMessageEndingWith("\nKeeping the containers of job " + plan.instanceId() + " for debugging; list them"
              + " with: docker ps -a --filter label=dev.ciservices.job.instance=" + plan.instanceId()
              + " (they are removed by the next run once this JVM has exited)");
      assertThat(trace.lines).contains("Keeping the containers of job " + plan.instanceId() + " for debugging; list them"
          + " with: docker ps -a --filter label=dev.ciservices.job.instance=" + plan.instanceId()
          + " (they are removed by the next run once this JVM has exited)");
      assertThat(Leftover.of(plan.instanceId())).hasSize(3);
    } finally {
      String label = "dev.ciservices.job.instance=" + plan.instanceId();
      docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of("dev.ciservices.job.instance", plan.instanceId()))
          .exec().forEach(c -> docker.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec());
      docker.listNetworksCmd().withFilter("label", List.of(label)).exec().forEach(n -> docker.removeNetworkCmd(n.getId()).exec());
      docker.removeVolumeCmd(plan.buildsVolume()).exec();
    }
  }

  @Test
  void leftoversOfAKilledJvmAreSweptAtTheNextConnection() throws Exception {
    Map<String, String> labels = new java.util.HashMap<>(SweepIT.exitedOwner());
    labels.put("dev.ciservices.job.instance", "deaddeaddeaddead");
    String network = docker.createNetworkCmd().withName("ci-services-leftover-test").withLabels(labels).exec().getId();
    String container = docker.createContainerCmd("busybox:latest").withName("ci-services-leftover-test")
        .withCmd("sleep", "60").withLabels(labels).exec().getId();
    docker.createVolumeCmd().withName("ci-services-leftover-test").withLabels(labels).exec();
    // a resource of a live JVM (this one) must survive the sweep
    Map<String, String> alive = new java.util.HashMap<>(SweepIT.liveOwner());
    alive.put("dev.ciservices.job.instance", "deaddeaddeaddead");
    docker.createVolumeCmd().withName("ci-services-alive-test").withLabels(alive).exec();
    // so must one whose owner cannot be established (labels of an older version: host and pid only)
    Map<String, String> unknown = Map.of("dev.ciservices.managed", "true", "dev.ciservices.owner.host", "vm",
        "dev.ciservices.owner.pid", "1", "dev.ciservices.job.instance", "deaddeaddeaddead");
    docker.createVolumeCmd().withName("ci-services-unknown-test").withLabels(unknown).exec();
    try (DockerBackend fresh = DockerBackend.connect()) {
      assertThat(Leftover.of("deaddeaddeaddead")).containsExactlyInAnyOrder("volume ci-services-alive-test",
          "volume ci-services-unknown-test");
      assertThat(fresh.describe()).isNotEmpty();
    } finally {
      docker.removeVolumeCmd("ci-services-alive-test").exec();
      docker.removeVolumeCmd("ci-services-unknown-test").exec();
    }
    assertThat(container).isNotEmpty();
    assertThat(network).isNotEmpty();
  }
}
