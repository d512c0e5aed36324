package dev.ciservices.benchmarks;

import dev.ciservices.JobPlan;
import dev.ciservices.JobPlanner;
import dev.ciservices.JobSpec;
import dev.ciservices.NotReadyPolicy;
import dev.ciservices.RunningServices;
import dev.ciservices.ServiceListener;
import dev.ciservices.ServiceSpec;
import dev.ciservices.StartOptions;
import dev.ciservices.docker.DockerBackend;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How long after a service's port opened our start noticed it. A busybox service sleeps 1 s, writes
 * the wall-clock time in microseconds to its stdout, then {@code exec}s {@code nc -ll -p 7000}; the
 * latency is the host's wall clock when {@code start()} returned minus that stamp (one clock: the
 * container reads the host's). Debian's busybox {@code date} has no {@code %N}, so the stamp comes
 * from {@code adjtimex} (tv_sec, tv_usec).
 *
 * <p>The stamp precedes the listen by nc's exec and bind (several ms), so a watcher thread also
 * finds the same container (by its job label, during the 1 s sleep) and dials its address every
 * millisecond: about the instant the socket really listened. (Not {@code /proc/<pid>/net/tcp6}: each
 * read of it walks the kernel's whole TCP hash table, about 4 ms here, too coarse for this.)
 */
final class OpenedLatency {
  static final String IMAGE = "busybox:latest";
  static final int PORT = 7000;
  static final String MARK = "port-opened-at-us ";
  static final String SCRIPT = "sleep 1; t=$(adjtimex | awk '/tv_sec/{s=$2} /tv_usec/{u=$2} END{printf \"%d%06d\", s, u}');"
      + " echo \"" + MARK + "$t\"; exec nc -ll -p " + PORT + " -e cat";

  /**
   * One measurement, in ms.
   *
   * @param afterStamp start() returned, after the container's stamp
   * @param afterListen start() returned, after a 1 ms dialler was first accepted
   * @param listenAfterStamp the 1 ms dialler was first accepted, after the stamp
   */
  record Latency(double afterStamp, double afterListen, double listenAfterStamp) {}

  private OpenedLatency() {}

  static Latency ours(DockerBackend docker, ExecutorService pool) throws Exception {
    JobSpec job = JobSpec.builder()
        .service(ServiceSpec.builder(IMAGE).alias("opener").command("sh", "-c", SCRIPT)
            .variable("HEALTHCHECK_TCP_PORT", Integer.toString(PORT)).build())
        .build();
    JobPlan plan = JobPlanner.plan(job, OursContestant.CONFIG).requireValid();
    AtomicBoolean stop = new AtomicBoolean();
    CompletableFuture<Long> listened = CompletableFuture.supplyAsync(() -> watch(plan.instanceId(), stop), pool);
    try (RunningServices running = docker.start(plan,
        StartOptions.gitlab(ServiceListener.NONE).withNotReadyPolicy(NotReadyPolicy.FAIL))) {
      long readyMicros = micros(Instant.now());
      long openedMicros = openedMicros(running.services().get(0).containerId());
      long listenMicros = listened.get(10, TimeUnit.SECONDS);
      return new Latency((readyMicros - openedMicros) / 1000.0, (readyMicros - listenMicros) / 1000.0,
          (listenMicros - openedMicros) / 1000.0);
    } finally {
      stop.set(true);
    }
  }

  /** Finds the job's container, then returns when its port first accepts (wall clock, us). */
  private static long watch(String instanceId, AtomicBoolean stop) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    try {
      String id = null;
      String address = "";
      while (address.isEmpty()) {
        if (stop.get() || System.nanoTime() > deadline) {
          throw new IllegalStateException("the service container of job " + instanceId + " was not found running");
        }
        if (id == null) {
          List<String> ids = Cli.lines("ps", "-q", "--filter", "label=dev.ciservices.job.instance=" + instanceId);
          id = ids.isEmpty() ? null : ids.get(0);
        }
        if (id != null) {
          address = Cli.docker("inspect", "-f", "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}", id);
        }
        if (address.isEmpty()) {
          Thread.sleep(20);
        }
      }
      while (!Dial.accepts(address, PORT)) {
        if (stop.get() || System.nanoTime() > deadline) {
          throw new IllegalStateException("port " + PORT + " was not seen listening");
        }
        Thread.sleep(1);
      }
      return micros(Instant.now());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static long openedMicros(String containerId) {
    String logs = Cli.docker("logs", containerId);
    for (String line : logs.split("\\R")) {
      if (line.startsWith(MARK)) {
        return Long.parseLong(line.substring(MARK.length()).trim());
      }
    }
    throw new IllegalStateException("no \"" + MARK + "\" line in the logs of " + containerId + ": " + logs);
  }

  private static long micros(Instant instant) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
  }
}
