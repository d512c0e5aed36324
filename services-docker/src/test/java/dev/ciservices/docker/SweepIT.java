package dev.ciservices.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.HostConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The sweep on a real engine: what it removes and keeps, foreign containers on a leftover network,
 * concurrent sweeps. Owners are given by labels: a process that exited, this live process, a process
 * in another PID namespace, and labels of an older version without an identity.
 */
class SweepIT {
  private static final DockerClient DOCKER = Engines.DOCKER.dockerClient();
  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final List<String> containers = new ArrayList<>();
  private final List<String> networks = new ArrayList<>();
  private final List<String> volumes = new ArrayList<>();

  /** Labels of an owner on this machine, boot and PID namespace; {@code pid} and start ticks as given. */
  static Map<String, String> owner(long pid, String startTicks, String pidNamespace) throws Exception {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("dev.ciservices.managed", "true");
    labels.put("dev.ciservices.owner.host", "test");
    labels.put("dev.ciservices.owner.machine", Files.readString(Path.of("/etc/machine-id")).strip());
    labels.put("dev.ciservices.owner.boot", Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).strip());
    labels.put("dev.ciservices.owner.pidns", pidNamespace);
    labels.put("dev.ciservices.owner.pid", Long.toString(pid));
    labels.put("dev.ciservices.owner.start-ticks", startTicks);
    return labels;
  }

  static String thisNamespace() throws Exception {
    return Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString();
  }

  /** The labels of a process that ran here and exited. */
  static Map<String, String> exitedOwner() throws Exception {
    Process p = new ProcessBuilder("true").start();
    long pid = p.pid();
    p.waitFor();
    return owner(pid, "12345", thisNamespace());
  }

  /**
   * The labels of a process that runs now and that the caller ends just before its sweep: until then no
   * other process's sweep (any connection on this machine sweeps) takes what it owns.
   */
  static Map<String, String> ownedBy(Process owner) throws Exception {
    String stat = Files.readString(Path.of("/proc/" + owner.pid() + "/stat"));
    return owner(owner.pid(), stat.substring(stat.lastIndexOf(')') + 2).split(" ")[19], thisNamespace());
  }

  static Map<String, String> liveOwner() throws Exception {
    String stat = Files.readString(Path.of("/proc/self/stat"));
    String ticks = stat.substring(stat.lastIndexOf(')') + 2).split(" ")[19];
    return owner(ProcessHandle.current().pid(), ticks, thisNamespace());
  }

  private String container(String name, Map<String, String> labels, String network) {
    Map<String, String> all = new HashMap<>(labels);
    all.put("dev.ciservices.sweep-it", run);
    String id = DOCKER.createContainerCmd("busybox:latest").withName(name + "-" + run).withLabels(all)
        .withCmd("sleep", "600").withHostConfig(HostConfig.newHostConfig().withNetworkMode(network)).exec().getId();
    DOCKER.startContainerCmd(id).exec();
    containers.add(id);
    return id;
  }

  private String network(String name, Map<String, String> labels) {
    Map<String, String> all = new HashMap<>(labels);
    all.put("dev.ciservices.sweep-it", run);
    String id = DOCKER.createNetworkCmd().withName(name + "-" + run).withLabels(all).exec().getId();
    networks.add(id);
    return id;
  }

  private static boolean exists(String container) {
    try {
      DOCKER.inspectContainerCmd(container).exec();
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }

  private static boolean networkExists(String id) {
    try {
      DOCKER.inspectNetworkCmd().withNetworkId(id).exec();
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }

  @AfterEach
  void removeWhatIsLeft() {
    // the last made first: a container that joined another's namespace before it (Podman requires it)
    java.util.Collections.reverse(containers);
    containers.forEach(c -> {
      try {
        DOCKER.removeContainerCmd(c).withForce(true).withRemoveVolumes(true).exec();
      } catch (NotFoundException e) {
        // swept
      }
    });
    networks.forEach(n -> {
      try {
        DOCKER.removeNetworkCmd(n).exec();
      } catch (NotFoundException e) {
        // swept
      }
    });
    volumes.forEach(v -> {
      try {
        DOCKER.removeVolumeCmd(v).exec();
      } catch (NotFoundException e) {
        // swept
      }
    });
  }

  private static List<String> mine(List<SweepReport.Item> items, String run) {
    return items.stream().filter(i -> i.name().endsWith(run)).map(SweepReport.Item::toString).toList();
  }

  @Test
  void removesOnlyWhatAProvablyExitedOwnerLeftAndSaysWhy() throws Exception {
    String dead = container("sweep-dead", exitedOwner(), "bridge");
    String live = container("sweep-live", liveOwner(), "bridge");
    String otherNamespace = container("sweep-otherns", owner(1, "1", "pid:[1]"), "bridge");
    Map<String, String> old = new HashMap<>(Map.of("dev.ciservices.managed", "true", "dev.ciservices.owner.host", "vm",
        "dev.ciservices.owner.pid", "1"));
    String oldVersion = container("sweep-old", old, "bridge");

    SweepReport dry = Engines.DOCKER.sweep(null, true);
    assertThat(mine(dry.removed(), run)).hasSize(1);
    assertThat(exists(dead)).isTrue();

    SweepReport report = Engines.DOCKER.sweep(null, false);
    report.lines().stream().filter(l -> l.contains(run)).forEach(System.out::println);
    assertThat(mine(report.removed(), run)).singleElement().asString()
        .startsWith("container sweep-dead-" + run + ": owner pid ").endsWith(" on test exited");
    assertThat(mine(report.kept(), run)).containsExactlyInAnyOrder(
        "container sweep-live-" + run + ": owner pid " + ProcessHandle.current().pid() + " on test is running",
        "container sweep-otherns-" + run + ": owner pid 1 on test: another PID namespace (pid:[1]); never removed"
            + " automatically (ci-services sweep --older-than removes it)",
        "container sweep-old-" + run + ": owner pid 1 on vm: its machine, boot, PID namespace or start time is"
            + " unknown; never removed automatically (ci-services sweep --older-than removes it)");
    assertThat(exists(dead)).isFalse();
    assertThat(exists(live)).isTrue();
    assertThat(exists(otherNamespace)).isTrue();

    SweepReport older = Engines.DOCKER.sweep(Duration.ZERO, false);
    assertThat(mine(older.removed(), run)).hasSize(2);
    assertThat(mine(older.kept(), run)).singleElement().asString().startsWith("container sweep-live-");
    assertThat(exists(live)).isTrue();
    assertThat(exists(otherNamespace)).isFalse();
    assertThat(exists(oldVersion)).isFalse();
  }

  @Test
  void aForeignContainerOnALeftoverNetworkIsDisconnectedNotRemoved() throws Exception {
    String net = network("sweep-net", exitedOwner());
    String own = container("sweep-own", exitedOwner(), "sweep-net-" + run);
    String foreign = DOCKER.createContainerCmd("busybox:latest").withName("sweep-foreign-" + run)
        .withLabels(Map.of("dev.ciservices.sweep-it", run)).withCmd("sleep", "600")
        .withHostConfig(HostConfig.newHostConfig().withNetworkMode("sweep-net-" + run)).exec().getId();
    containers.add(foreign);
    DOCKER.startContainerCmd(foreign).exec();

    SweepReport report = Engines.DOCKER.sweep(null, false);
    report.lines().stream().filter(l -> l.contains(run) || l.contains(foreign.substring(0, 12)))
        .forEach(System.out::println);
    assertThat(exists(own)).isFalse();
    assertThat(networkExists(net)).isFalse();
    assertThat(exists(foreign)).isTrue();
    assertThat(report.warnings()).contains("disconnected container " + foreign.substring(0, 12)
        + " from leftover network sweep-net-" + run + " (not removed: it is not a leftover)");
  }

  @Test
  void aPodModeJobLeftByAnExitedProcessGoesInOneSweepItsNamespaceOwnerLast() throws Exception {
    Process owner = new ProcessBuilder("sleep", "600").start();
    Map<String, String> labels = new HashMap<>(ownedBy(owner));
    labels.put("dev.ciservices.job.instance", "pod-" + run);
    Map<String, String> ownerLabels = new HashMap<>(labels);
    ownerLabels.put("dev.ciservices.type", "pod");
    // as the pod mode leaves them: the namespace owner, two services and the job container joined to it
    String pod = container("sweep-pod", ownerLabels, "bridge");
    List<String> joined = new ArrayList<>();
    for (String name : List.of("sweep-pod-svc1", "sweep-pod-svc2", "sweep-pod-job")) {
      joined.add(container(name, labels, "container:" + pod));
    }

    owner.destroyForcibly().waitFor();
    SweepReport report = Engines.DOCKER.sweep(null, false);
    report.lines().stream().filter(l -> l.contains(run)).forEach(System.out::println);
    assertThat(report.warnings()).noneMatch(w -> w.contains(run));
    assertThat(mine(report.removed(), run)).map(i -> i.substring(0, i.indexOf(':'))).containsExactlyInAnyOrder(
        "container sweep-pod-" + run, "container sweep-pod-svc1-" + run, "container sweep-pod-svc2-" + run,
        "container sweep-pod-job-" + run);
    // the owner went after every container that joined it
    assertThat(mine(report.removed(), run).get(3)).startsWith("container sweep-pod-" + run + ":");
    joined.forEach(c -> assertThat(exists(c)).isFalse());
    assertThat(exists(pod)).isFalse();
  }

  private static boolean volumeExists(String name) {
    try {
      DOCKER.inspectVolumeCmd(name).exec();
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }

  /** Runs a command in a running container and waits for it. */
  private static void exec(String container, String... command) throws InterruptedException {
    String exec = DOCKER.execCreateCmd(container).withCmd(command).withAttachStdout(true).withAttachStderr(true)
        .exec().getId();
    DOCKER.execStartCmd(exec).exec(new ResultCallback.Adapter<>()).awaitCompletion(120, TimeUnit.SECONDS);
    assertThat(DOCKER.inspectExecCmd(exec).exec().getExitCodeLong()).as(String.join(" ", command)).isZero();
  }

  /**
   * Two processes sweep the same leftover container and volume at once. The container holds 40 000
   * files, so that its removal takes the engine a second or two (layer deletion): the sweep that
   * comes second is told "removal of container ... is already in progress" and must wait until the
   * container is gone before it calls it removed and removes the volume, which the container holds
   * until then. Each sweep is a backend connection of its own, as two processes are.
   */
  @Test
  void twoSweepsOfOneSlowlyRemovedContainerAndItsVolumeBothEndWithNothingLeftAndNoError() throws Exception {
    DockerOptions options = DockerOptions.defaults().withSweepLeftovers(false);
    try (DockerBackend first = DockerBackend.connect(options); DockerBackend second = DockerBackend.connect(options)) {
      for (int round = 0; round < 3; round++) {
        Process owner = new ProcessBuilder("sleep", "600").start();
        Map<String, String> labels = new HashMap<>(ownedBy(owner));
        labels.put("dev.ciservices.sweep-it", run);
        String volume = "sweep-race" + round + "-" + run;
        DOCKER.createVolumeCmd().withName(volume).withLabels(labels).exec();
        volumes.add(volume);
        String id = DOCKER.createContainerCmd("busybox:latest").withName("sweep-race" + round + "-" + run)
            .withLabels(labels).withCmd("sleep", "600").withHostConfig(HostConfig.newHostConfig()
                .withBinds(new com.github.dockerjava.api.model.Bind(volume,
                    new com.github.dockerjava.api.model.Volume("/builds")))).exec().getId();
        containers.add(id);
        DOCKER.startContainerCmd(id).exec();
        exec(id, "sh", "-c", "mkdir /many && cd /many && seq 1 40000 | xargs touch");

        owner.destroyForcibly().waitFor();
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<String>> sweeps = new ArrayList<>();
        for (DockerBackend backend : List.of(first, second)) {
          sweeps.add(CompletableFuture.supplyAsync(() -> {
            try {
              go.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            long t0 = System.nanoTime();
            SweepReport report = backend.sweep(null, false);
            long millis = (System.nanoTime() - t0) / 1_000_000;
            // what this sweep calls removed is gone when it returns, whatever the other still does
            return "after " + millis + " ms: removed " + mine(report.removed(), run) + ", warnings "
                + report.warnings().stream().filter(w -> w.contains(run)).toList() + ", container "
                + (exists(id) ? "still there" : "gone") + ", volume " + (volumeExists(volume) ? "still there" : "gone");
          }));
        }
        go.countDown();
        List<String> outcomes = sweeps.stream().map(CompletableFuture::join).toList();
        System.out.println("round " + round + ": " + outcomes);
        for (String outcome : outcomes) {
          assertThat(outcome).endsWith(", warnings [], container gone, volume gone");
        }
        assertThat(String.join("\n", outcomes)).contains("container sweep-race" + round + "-" + run + ": owner pid ")
            .contains("volume sweep-race" + round + "-" + run + ": owner pid ");
      }
    }
  }

  @Test
  void threeSweepsAtOnceRemoveEverythingWithoutAnError() throws Exception {
    String net = network("sweep-par", exitedOwner());
    List<String> left = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      left.add(container("sweep-par" + i, exitedOwner(), "sweep-par-" + run));
    }
    List<CompletableFuture<SweepReport>> sweeps = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      sweeps.add(CompletableFuture.supplyAsync(() -> Engines.DOCKER.sweep(null, false)));
    }
    List<SweepReport> reports = sweeps.stream().map(CompletableFuture::join).toList();
    reports.forEach(r -> System.out.println("concurrent sweep: " + mine(r.removed(), run).size() + " removed, warnings "
        + r.warnings()));
    reports.forEach(r -> assertThat(r.warnings()).noneMatch(w -> w.contains(run)));
    left.forEach(c -> assertThat(exists(c)).isFalse());
    assertThat(networkExists(net)).isFalse();
  }
}
