package dev.ciservices.benchmarks;

import dev.ciservices.docker.DockerBackend;
import dev.ciservices.docker.DockerOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ready time and teardown time of the same services, on the same local images, in one run, for these
 * contestants: ci-services' Docker backend ("ours"), the docker CLI with exact readiness polling (the
 * floor: {@code /proc/<pid>/net/tcp{,6}} as specified, and dialling the container's address, which
 * costs far less CPU), and Testcontainers 2.x. Each scenario runs warm-ups then measured runs, the
 * contestants interleaved (their order rotates each round) to spread machine noise. Prints medians and
 * the ratios ours/floor and ours/Testcontainers, then how long after a port opened our start noticed it.
 * Everything created is labelled and removed at the end, also on failure.
 *
 * <pre>
 * scripts/benchmark [--runs=5] [--warmups=1] [--latency-runs=5] [--scenarios=1,3,10]
 *                   [--contestants=ours,ours-pod,floor,floor-connect,tc,tc-one-by-one,podman] [--quiet-below=25] [--quiet-wait-s=15]
 *                   [--podman-host=unix:///run/ci-services-podman/podman.sock]
 * </pre>
 *
 * {@code ours-pod} is ours in the pod mode ({@code NetworkMode.POD}, one network namespace as in a
 * Kubernetes pod), each service checked through its own {@code HEALTHCHECK_TCP_PORT}, as the
 * Kubernetes rule needs.
 *
 * {@code podman} is ours on Podman's Docker-compatible socket (scripts/podman starts it and loads the
 * images): the same scenarios, with ratios against the Docker floor of the same run.
 *
 * Needs TESTCONTAINERS_RYUK_DISABLED=true and TESTCONTAINERS_HOST_OVERRIDE=localhost where no
 * registry is reachable (scripts/benchmark sets them).
 */
public final class ReadyTimeBenchmark {
  private static final AtomicInteger THREADS = new AtomicInteger();

  private ReadyTimeBenchmark() {}

  /** Runs the benchmark; exits 1 when a run failed or something was left behind. */
  public static void main(String[] args) throws Exception {
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    Map<String, String> options = options(args);
    int runs = Integer.parseInt(options.getOrDefault("runs", "5"));
    int warmups = Integer.parseInt(options.getOrDefault("warmups", "1"));
    int latencyRuns = Integer.parseInt(options.getOrDefault("latency-runs", "5"));
    double quietBelow = Double.parseDouble(options.getOrDefault("quiet-below", "25")) / 100;
    long quietWaitSecs = Long.parseLong(options.getOrDefault("quiet-wait-s", "15"));
    CpuGate gate = new CpuGate(quietBelow, 500, quietWaitSecs * 1000);
    List<String> scenarioKeys = List.of(options.getOrDefault("scenarios", "1,3,10").split(","));
    List<String> contestantKeys = List.of(options.getOrDefault("contestants", "ours,floor,floor-connect,tc,tc-one-by-one")
        .split(","));
    if (contestantKeys.contains("tc")) {
      requireEnv("TESTCONTAINERS_RYUK_DISABLED", "true");
      requireEnv("TESTCONTAINERS_HOST_OVERRIDE", null);
    }

    String runId = UUID.randomUUID().toString().substring(0, 8);
    Cleanup cleanup = new Cleanup(runId);
    Thread hook = new Thread(cleanup::sweep, "benchmark-cleanup");
    Runtime.getRuntime().addShutdownHook(hook);
    ExecutorService pool = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "benchmark-" + THREADS.incrementAndGet());
      t.setDaemon(true);
      return t;
    });

    int status = 0;
    int volumesBefore = Cli.lines("volume", "ls", "-q").size();
    List<String> othersBefore = Cli.lines("ps", "-aq");
    DockerBackend podman = contestantKeys.contains("podman") ? DockerBackend.connect(DockerOptions.defaults()
        .withDockerHost(options.getOrDefault("podman-host", "unix:///run/ci-services-podman/podman.sock"))) : null;
    try (DockerBackend docker = DockerBackend.connect(); AutoCloseable closePodman = podman == null ? () -> { } : podman) {
      List<Scenario> scenarios = new ArrayList<>();
      for (String key : scenarioKeys) {
        scenarios.add(switch (key.trim()) {
          case "1" -> Scenario.one();
          case "3" -> Scenario.three();
          case "10" -> Scenario.ten();
          default -> throw new IllegalArgumentException("--scenarios takes 1, 3 and 10, not " + key);
        });
      }
      checkImages(scenarios);
      List<Contestant> contestants = new ArrayList<>();
      for (String key : contestantKeys) {
        contestants.add(switch (key.trim()) {
          case "ours" -> new OursContestant(docker);
          case "ours-pod" -> new OursContestant(docker, "ours, pod mode", OursContestant.POD);
          case "floor" -> new FloorContestant(runId, pool, FloorContestant.Probe.PROC);
          case "floor-connect" -> new FloorContestant(runId, pool, FloorContestant.Probe.CONNECT);
          case "tc" -> new TestcontainersContestant(runId, pool, false);
          case "tc-one-by-one" -> new TestcontainersContestant(runId, pool, true);
          case "podman" -> new OursContestant(java.util.Objects.requireNonNull(podman), "ours on Podman");
          default -> throw new IllegalArgumentException("--contestants takes ours, ours-pod, floor, floor-connect, tc, tc-one-by-one"
              + " and podman, not " + key);
        });
      }

      System.out.println("ci-services ready-time benchmark, run " + runId);
      System.out.println("engine:   " + docker.describe());
      if (podman != null) {
        System.out.println("podman:   " + podman.describe());
      }
      System.out.println("machine:  " + Runtime.getRuntime().availableProcessors() + " CPUs, Java "
          + System.getProperty("java.version") + ", " + System.getProperty("os.name") + " "
          + System.getProperty("os.version"));
      System.out.println("method:   per scenario " + warmups + " warm-up + " + runs + " measured runs per contestant,"
          + " interleaved (order rotates each round); before each run, waits (up to " + quietWaitSecs
          + " s) until the machine's CPU use over 0.5 s is below " + Math.round(quietBelow * 100)
          + "% (nothing of the benchmark runs then: it is other work)");
      System.out.println("ready:    from the first engine call to every service listening (ours: start() returns,"
          + " it dials each container's address every 20 ms; floors: docker CLI, then /proc/<pid>/net/tcp{,6} LISTEN"
          + " read, or the container's address dialled, every " + FloorContestant.POLL_MILLIS + " ms; TC: deepStart"
          + " completes)");
      System.out.println("teardown: removing containers (with volumes) and network (ours also its /builds volume)");
      if (!othersBefore.isEmpty()) {
        System.out.println("note:     " + othersBefore.size() + " other container(s) exist on this engine: results may"
            + " be noisier");
      }
      System.out.println();

      Map<String, Map<String, Results>> results = new LinkedHashMap<>();
      int totalRuns = 0;
      int busyRuns = 0;
      List<Double> busyBefore = new ArrayList<>();
      for (Scenario scenario : scenarios) {
        Map<String, Results> byContestant = new LinkedHashMap<>();
        contestants.forEach(c -> byContestant.put(c.name(), new Results()));
        results.put(scenario.name(), byContestant);
        for (int round = 0; round < warmups + runs; round++) {
          boolean warmup = round < warmups;
          for (int k = 0; k < contestants.size(); k++) {
            Contestant contestant = contestants.get((k + round) % contestants.size());
            Results r = java.util.Objects.requireNonNull(byContestant.get(contestant.name()));
            String label = String.format(Locale.ROOT, "[%-11s] %-7s %-22s", scenario.name(),
                warmup ? "warm-up" : "run " + (round - warmups + 1), contestant.name());
            double busy = gate.awaitQuiet();
            int others = Cli.lines("ps", "-aq").size();
            if (!warmup) {
              totalRuns++;
              busyBefore.add(busy);
              if (busy >= gate.threshold()) {
                busyRuns++;
              }
            }
            String noise = String.format(Locale.ROOT, "  cpu before %2.0f%%", busy * 100)
                + (busy >= gate.threshold() ? " (busy: waited " + quietWaitSecs + " s)" : "")
                + (others == 0 ? "" : "  [" + others + " other container(s) on the engine]");
            try {
              Sample sample = contestant.run(scenario);
              if (!warmup) {
                r.samples.add(sample);
              }
              System.out.println(label + String.format(Locale.ROOT, " ready %6.0f ms  teardown %6.0f ms%s",
                  sample.readyMs(), sample.teardownMs(), Double.isNaN(sample.runningMs()) ? ""
                      : String.format(Locale.ROOT, "  (containers started after %.0f ms)", sample.runningMs()))
                  + noise);
            } catch (Exception e) {
              r.failures++;
              status = 1;
              System.out.println(label + " FAILED: " + oneLine(e) + noise);
            }
          }
        }
      }

      List<OpenedLatency.Latency> latencies = new ArrayList<>();
      if (latencyRuns > 0) {
        System.out.println();
        for (int i = 0; i < warmups + latencyRuns; i++) {
          boolean warmup = i < warmups;
          String label = String.format(Locale.ROOT, "[%-11s] %-7s", "port opened", warmup ? "warm-up" : "run "
              + (i - warmups + 1));
          double busy = gate.awaitQuiet();
          String noise = String.format(Locale.ROOT, "  cpu before %2.0f%%", busy * 100);
          try {
            OpenedLatency.Latency l = OpenedLatency.ours(docker, pool);
            if (!warmup) {
              latencies.add(l);
            }
            System.out.println(label + String.format(Locale.ROOT, " start() returned %5.1f ms after the stamp,"
                + " %5.1f ms after the socket listened (which was %4.1f ms after the stamp)", l.afterStamp(),
                l.afterListen(), l.listenAfterStamp()) + noise);
          } catch (Exception e) {
            status = 1;
            System.out.println(label + " FAILED: " + oneLine(e) + noise);
          }
        }
      }

      printTable(results, contestants, runs);
      if (!busyBefore.isEmpty()) {
        System.out.println(String.format(Locale.ROOT, "machine CPU use just before the measured runs (other work):"
            + " median %.0f%%, max %.0f%%; %d of %d runs started above %.0f%%", Stats.median(busyBefore) * 100,
            Stats.max(busyBefore) * 100, busyRuns, totalRuns, gate.threshold() * 100));
      }
      if (!latencies.isEmpty()) {
        List<Double> afterStamp = latencies.stream().map(OpenedLatency.Latency::afterStamp).toList();
        List<Double> afterListen = latencies.stream().map(OpenedLatency.Latency::afterListen).toList();
        List<Double> listenAfterStamp = latencies.stream().map(OpenedLatency.Latency::listenAfterStamp).toList();
        System.out.println();
        System.out.println("Readiness noticed after the port opened (busybox service: sleep 1; stamp the wall clock in us;"
            + " exec nc -ll -p 7000 -e cat; HEALTHCHECK_TCP_PORT=7000), median of " + latencies.size()
            + " runs [min..max]:");
        System.out.println(String.format(Locale.ROOT, "  ours: start() returned after the container's stamp   %6.1f ms"
            + "  [%.1f..%.1f]", Stats.median(afterStamp), Stats.min(afterStamp), Stats.max(afterStamp)));
        System.out.println(String.format(Locale.ROOT, "  ours: start() returned after the socket listened     %6.1f ms"
            + "  [%.1f..%.1f]  (first accepted by a watcher dialling every 1 ms; ours dials every 20 ms)",
            Stats.median(afterListen), Stats.min(afterListen), Stats.max(afterListen)));
        System.out.println(String.format(Locale.ROOT, "  (the watcher was accepted after the stamp            %6.1f ms"
            + "  [%.1f..%.1f]: nc's exec and bind)", Stats.median(listenAfterStamp), Stats.min(listenAfterStamp),
            Stats.max(listenAfterStamp)));
      }
    } finally {
      List<String> swept = cleanup.sweep();
      List<String> left = cleanup.leftovers();
      int volumesAfter = Cli.lines("volume", "ls", "-q").size();
      List<String> othersAfter = Cli.lines("ps", "-aq");
      System.out.println();
      System.out.println("Cleanup: " + (swept.isEmpty() ? "nothing was left behind by the contestants"
          : "removed leftovers " + swept) + "; labelled resources left now: " + (left.isEmpty() ? "none" : left)
          + "; volumes " + volumesBefore + " before, " + volumesAfter + " after; `docker ps -a` lists "
          + othersAfter.size() + " container(s)" + (othersBefore.isEmpty() ? "" : " (" + othersBefore.size()
          + " before the run)"));
      if (!left.isEmpty()) {
        status = 1;
      }
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException ignored) {
        // shutting down: the hook runs
      }
      pool.shutdownNow();
    }
    System.exit(status);
  }

  private static void printTable(Map<String, Map<String, Results>> results, List<Contestant> contestants, int runs) {
    System.out.println();
    System.out.println("Medians of " + runs + " measured runs per contestant, in ms [min..max]");
    String header = String.format(Locale.ROOT, "%-12s %-22s %20s %20s %14s", "scenario", "contestant",
        "ready", "teardown", "started");
    System.out.println(header);
    System.out.println("-".repeat(header.length()));
    for (Map.Entry<String, Map<String, Results>> scenario : results.entrySet()) {
      boolean first = true;
      for (Contestant c : contestants) {
        Results r = java.util.Objects.requireNonNull(scenario.getValue().get(c.name()));
        String name = first ? scenario.getKey() : "";
        first = false;
        if (r.samples.isEmpty()) {
          System.out.println(String.format(Locale.ROOT, "%-12s %-22s %s", name, c.name(), "no successful run ("
              + r.failures + " failed)"));
          continue;
        }
        List<Double> ready = r.samples.stream().map(Sample::readyMs).toList();
        List<Double> teardown = r.samples.stream().map(Sample::teardownMs).toList();
        List<Double> started = r.samples.stream().map(Sample::runningMs).filter(d -> !Double.isNaN(d)).toList();
        System.out.println(String.format(Locale.ROOT, "%-12s %-22s %20s %20s %14s%s", name, c.name(),
            cell(ready), cell(teardown), started.isEmpty() ? "-" : String.format(Locale.ROOT, "%.0f",
                Stats.median(started)), r.failures == 0 ? "" : "  (" + r.failures + " failed)"));
      }
    }
    System.out.println("(started: when every container had been created and started; ours: the \"Waiting for"
        + " services\" trace line; floors: the last `docker run -d` returned)");

    if (contestants.size() < 2) {
      return;
    }
    // ours on each engine (Docker, Podman) against every other contestant of the same run
    for (Contestant ours : contestants.stream().filter(c -> c instanceof OursContestant).toList()) {
      System.out.println();
      System.out.println("Ratios of medians, " + ours.name() + " / other (below 1.00: " + ours.name() + " is faster)");
      String h = String.format(Locale.ROOT, "%-12s %-22s %8s %9s", "scenario", "other", "ready", "teardown");
      System.out.println(h);
      System.out.println("-".repeat(h.length()));
      List<Contestant> others = contestants.stream().filter(c -> c != ours).toList();
      for (Map.Entry<String, Map<String, Results>> scenario : results.entrySet()) {
        Results mine = java.util.Objects.requireNonNull(scenario.getValue().get(ours.name()));
        boolean first = true;
        for (Contestant o : others) {
          Results theirs = java.util.Objects.requireNonNull(scenario.getValue().get(o.name()));
          String ready = "-";
          String teardown = "-";
          if (!mine.samples.isEmpty() && !theirs.samples.isEmpty()) {
            ready = ratio(mine, theirs, Sample::readyMs);
            teardown = ratio(mine, theirs, Sample::teardownMs);
          }
          System.out.println(String.format(Locale.ROOT, "%-12s %-22s %8s %9s", first ? scenario.getKey() : "",
              o.name(), ready, teardown));
          first = false;
        }
      }
    }
  }

  private static String ratio(Results mine, Results theirs, java.util.function.Function<Sample, Double> what) {
    double a = Stats.median(mine.samples.stream().map(what).toList());
    double b = Stats.median(theirs.samples.stream().map(what).toList());
    return String.format(Locale.ROOT, "%.2f", a / b);
  }

  private static String cell(List<Double> values) {
    return String.format(Locale.ROOT, "%.0f [%.0f..%.0f]", Stats.median(values), Stats.min(values), Stats.max(values));
  }

  /** Fails early when an image is missing or does not expose the port the scenario waits for. */
  private static void checkImages(List<Scenario> scenarios) {
    Map<String, Integer> ports = new LinkedHashMap<>();
    scenarios.forEach(s -> s.services().forEach(svc -> ports.put(svc.image(), svc.port())));
    for (Map.Entry<String, Integer> e : ports.entrySet()) {
      String exposed;
      try {
        exposed = Cli.docker("image", "inspect", "-f", "{{json .Config.ExposedPorts}}", e.getKey());
      } catch (RuntimeException ex) {
        throw new IllegalStateException("image " + e.getKey() + " is missing: build it with scripts/images", ex);
      }
      if (!exposed.contains("\"" + e.getValue() + "/tcp\"")) {
        throw new IllegalStateException("image " + e.getKey() + " exposes " + exposed + ", not " + e.getValue());
      }
    }
    Cli.docker("image", "inspect", "-f", "{{.Id}}", OpenedLatency.IMAGE);
  }

  private static void requireEnv(String name, @org.jspecify.annotations.Nullable String expected) {
    String value = System.getenv(name);
    if (value == null || (expected != null && !expected.equalsIgnoreCase(value))) {
      throw new IllegalStateException(name + " must be " + (expected != null ? expected : "set")
          + " for Testcontainers without a registry (scripts/benchmark sets it), or run with"
          + " --contestants=ours,floor,floor-connect");
    }
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new LinkedHashMap<>();
    for (String arg : args) {
      if (!arg.startsWith("--") || !arg.contains("=")) {
        throw new IllegalArgumentException("options look like --runs=5, not " + arg + "; known: --runs --warmups"
            + " --latency-runs --scenarios --contestants --quiet-below --quiet-wait-s");
      }
      String key = arg.substring(2, arg.indexOf('='));
      if (!List.of("runs", "warmups", "latency-runs", "scenarios", "contestants", "quiet-below", "quiet-wait-s")
          .contains(key)) {
        throw new IllegalArgumentException("unknown option " + arg);
      }
      options.put(key, arg.substring(arg.indexOf('=') + 1));
    }
    return options;
  }

  private static String oneLine(Throwable e) {
    String m = e.getClass().getSimpleName() + ": " + e.getMessage();
    return Arrays.stream(m.split("\\R")).limit(3).reduce((a, b) -> a + " | " + b).orElse(m);
  }

  /** One contestant's measured samples in one scenario. */
  private static final class Results {
    final List<Sample> samples = new ArrayList<>();
    int failures;
  }
}
