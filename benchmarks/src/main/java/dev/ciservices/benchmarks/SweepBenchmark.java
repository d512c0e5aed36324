package dev.ciservices.benchmarks;

import com.github.dockerjava.api.DockerClient;
import dev.ciservices.docker.DockerBackend;
import dev.ciservices.docker.DockerOptions;
import dev.ciservices.docker.SweepReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The sweep of 8 leftover containers (running, of a process that exited on this machine, boot and
 * PID namespace) against the floor: {@code docker rm -f} of 8 such containers, 8 processes in
 * parallel. Rounds are interleaved; prints medians and their ratio. Run by {@code scripts/benchmark-sweep}.
 * On a shared engine any other process's connection sweeps too: the leftovers are owned by a live
 * process until just before the timed sweep, and a round in which another sweep still took some is
 * repeated (three times at most).
 */
public final class SweepBenchmark {
  private static final int CONTAINERS = 8;

  private SweepBenchmark() {}

  /** Runs {@code args[0]} rounds (default 5) after one warm-up. */
  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    List<Double> sweeps = new ArrayList<>();
    List<Double> floors = new ArrayList<>();
    int repeated = 0;
    try (DockerBackend docker = DockerBackend.connect(DockerOptions.defaults().withSweepLeftovers(false))) {
      DockerClient client = docker.dockerClient();
      for (int round = 0; round <= rounds; round++) {
        // owned by a live process while they are made, so that no other process's sweep (any connection
        // on this machine sweeps) takes them before this one is timed; the owner exits just before
        Process owner = new ProcessBuilder("sleep", "600").start();
        String run = UUID.randomUUID().toString().substring(0, 8);
        createLeftovers(client, run, ownedBy(owner.pid()));
        owner.destroyForcibly().waitFor();
        long start = System.nanoTime();
        SweepReport report = docker.sweep(null, false);
        double sweep = (System.nanoTime() - start) / 1e6;
        long mine = report.removed().stream().filter(i -> i.name().startsWith("sweep-bench-" + run)).count();
        List<String> warnings = report.warnings().stream().filter(w -> w.contains("sweep-bench-")).toList();
        if (mine != CONTAINERS || !warnings.isEmpty()) {
          if (!warnings.isEmpty() || ++repeated > 3) {
            throw new IllegalStateException("the sweep removed " + mine + " of " + CONTAINERS + ": " + report.lines());
          }
          System.err.printf("round %d: another process's sweep took %d of the %d leftovers first; round repeated%n",
              round, CONTAINERS - mine, CONTAINERS);
          round--;
          continue;
        }
        // the floor's containers stay owned by this live JVM: no sweep touches them
        List<String> ids = createLeftovers(client, run + "-floor", ownedBy(ProcessHandle.current().pid()));
        start = System.nanoTime();
        List<Process> removals = new ArrayList<>();
        for (String id : ids) {
          removals.add(new ProcessBuilder("docker", "rm", "-f", id).redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
        }
        for (Process p : removals) {
          if (p.waitFor() != 0) {
            throw new IllegalStateException("docker rm -f failed");
          }
        }
        double floor = (System.nanoTime() - start) / 1e6;
        if (round > 0) {
          sweeps.add(sweep);
          floors.add(floor);
        }
        System.err.printf("round %d%s: sweep %.0f ms, docker rm -f x%d in parallel %.0f ms%n", round,
            round == 0 ? " (warm-up)" : "", sweep, CONTAINERS, floor);
      }
    }
    System.out.printf("sweep of %d leftover containers: median %.0f ms [%.0f..%.0f]; docker rm -f of the same %d in"
        + " parallel: median %.0f ms [%.0f..%.0f]; ratio %.2f (%d rounds)%n", CONTAINERS, Stats.median(sweeps),
        Stats.min(sweeps), Stats.max(sweeps), CONTAINERS, Stats.median(floors), Stats.min(floors), Stats.max(floors),
        Stats.median(sweeps) / Stats.median(floors), rounds);
  }

  /** The owner labels the backend writes, naming {@code pid} (running now) on this machine, boot and PID namespace. */
  private static Map<String, String> ownedBy(long pid) throws Exception {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("dev.ciservices.managed", "true");
    labels.put("dev.ciservices.owner.host", "benchmark");
    labels.put("dev.ciservices.owner.machine", Files.readString(Path.of("/etc/machine-id")).strip());
    labels.put("dev.ciservices.owner.boot", Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).strip());
    labels.put("dev.ciservices.owner.pidns", Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString());
    labels.put("dev.ciservices.owner.pid", Long.toString(pid));
    labels.put("dev.ciservices.owner.start-ticks", stat.substring(stat.lastIndexOf(')') + 2).split(" ")[19]);
    return labels;
  }

  /** Makes {@link #CONTAINERS} running containers {@code sweep-bench-<run>-<i>} with these owner labels; their ids. */
  private static List<String> createLeftovers(DockerClient client, String run, Map<String, String> owner) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < CONTAINERS; i++) {
      String id = client.createContainerCmd("busybox:latest").withName("sweep-bench-" + run + "-" + i)
          .withLabels(owner).withCmd("sleep", "600").exec().getId();
      client.startContainerCmd(id).exec();
      ids.add(id);
    }
    return ids;
  }
}
