package dev.ciservices.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The floor: what the docker CLI alone achieves. {@code docker network create}, then one {@code
 * docker run -d --network N --network-alias A} per service in parallel threads, each followed by
 * {@code docker inspect} (pid and address) and a readiness probe every 10 ms until the exposed port
 * listens. Teardown: {@code docker rm -f -v} of all in parallel, then {@code docker network rm}.
 *
 * <p>Two probes: {@link Probe#PROC} reads {@code /proc/<pid>/net/tcp} and {@code tcp6} from the host
 * (exact, no connection, but each read walks the kernel's whole TCP hash table: about 4 ms of CPU
 * per file on a machine with much memory); {@link Probe#CONNECT} dials the container's address in the
 * network (exact too: nothing but the service answers there; a refused dial costs microseconds).
 */
final class FloorContestant implements Contestant {
  static final long POLL_MILLIS = 10;
  private static final long TIMEOUT_MILLIS = 120_000;

  /** How readiness is polled. */
  enum Probe {
    PROC,
    CONNECT
  }

  private final String runId;
  private final ExecutorService pool;
  private final Probe probe;
  private final AtomicInteger sequence = new AtomicInteger();

  FloorContestant(String runId, ExecutorService pool, Probe probe) {
    this.runId = runId;
    this.pool = pool;
    this.probe = probe;
  }

  @Override
  public String name() {
    return probe == Probe.PROC ? "floor (CLI + /proc)" : "floor (CLI + connect)";
  }

  /** The short name in the ratio table. */
  String shortName() {
    return probe == Probe.PROC ? "floor/proc" : "floor/connect";
  }

  @Override
  public Sample run(Scenario scenario) throws Exception {
    String network = "cibench-" + runId + "-" + probe.name().toLowerCase(java.util.Locale.ROOT) + "-"
        + sequence.incrementAndGet();
    List<String> labels = List.of("--label", Cleanup.RUN + "=" + runId, "--label", Cleanup.CONTESTANT + "=floor");
    List<String> ids = Collections.synchronizedList(new ArrayList<>());
    boolean[] networkCreated = {false};
    boolean done = false;
    try {
      long t0 = System.nanoTime();
      List<String> create = new ArrayList<>(List.of("network", "create"));
      create.addAll(labels);
      create.add(network);
      Cli.docker(create);
      networkCreated[0] = true;
      List<CompletableFuture<Long>> services = new ArrayList<>();
      for (Scenario.Service service : scenario.services()) {
        services.add(CompletableFuture.supplyAsync(() -> startAndAwait(service, network, labels, ids, probe), pool));
      }
      long running = 0;
      awaitAll(services);
      for (CompletableFuture<Long> s : services) {
        running = Math.max(running, s.join());
      }
      long ready = System.nanoTime();

      long r0 = System.nanoTime();
      teardown(ids, network);
      long removed = System.nanoTime();
      done = true;
      return new Sample(Sample.ms(ready - t0), Sample.ms(removed - r0), Sample.ms(running - t0));
    } finally {
      if (!done) {
        try {
          teardown(ids, networkCreated[0] ? network : null);
        } catch (RuntimeException e) {
          System.err.println("floor teardown after a failure: " + e.getMessage());
        }
      }
    }
  }

  /** Runs one container and waits until it listens; returns when its {@code docker run} returned. */
  private static long startAndAwait(Scenario.Service service, String network, List<String> labels, List<String> ids,
      Probe probe) {
    List<String> run = new ArrayList<>(List.of("run", "-d", "--name", network + "-" + service.alias(), "--network",
        network, "--network-alias", service.alias()));
    run.addAll(labels);
    for (Map.Entry<String, String> e : Scenario.ENVIRONMENT.entrySet()) {
      run.add("-e");
      run.add(e.getKey() + "=" + e.getValue());
    }
    run.add(service.image());
    String id = Cli.docker(run);
    ids.add(id);
    long running = System.nanoTime();
    String[] inspected = Cli.docker("inspect", "-f", "{{.State.Pid}} {{(index .NetworkSettings.Networks \"" + network
        + "\").IPAddress}}", id).split(" ");
    try {
      if (probe == Probe.PROC) {
        ProcNetTcp.awaitListening(Long.parseLong(inspected[0]), service.port(), POLL_MILLIS, TIMEOUT_MILLIS,
            service.alias());
      } else {
        Dial.awaitAccepting(inspected[1], service.port(), POLL_MILLIS, TIMEOUT_MILLIS, service.alias());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return running;
  }

  /** Waits for every future, even after one failed (so that every created container is known), then rethrows. */
  static <T> void awaitAll(List<CompletableFuture<T>> futures) throws Exception {
    try {
      CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get();
    } catch (ExecutionException e) {
      for (CompletableFuture<T> f : futures) {
        try {
          f.get();
        } catch (ExecutionException ignored) {
          // waiting for all to end
        }
      }
      throw e.getCause() instanceof Exception ex ? ex : e;
    }
  }

  private void teardown(List<String> ids, @Nullable String network) {
    List<CompletableFuture<Void>> removals = new ArrayList<>();
    for (String id : List.copyOf(ids)) {
      removals.add(CompletableFuture.runAsync(() -> Cli.docker("rm", "-f", "-v", id), pool));
    }
    removals.forEach(CompletableFuture::join);
    if (network != null) {
      Cli.docker("network", "rm", network);
    }
  }
}
