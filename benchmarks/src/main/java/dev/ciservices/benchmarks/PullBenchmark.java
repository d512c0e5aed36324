package dev.ciservices.benchmarks;

import dev.ciservices.RunnerConfig;
import dev.ciservices.JobEvent;
import dev.ciservices.JobPlan;
import dev.ciservices.JobPlanner;
import dev.ciservices.JobSpec;
import dev.ciservices.PullPolicy;
import dev.ciservices.RunningServices;
import dev.ciservices.ServiceListener;
import dev.ciservices.ServiceSpec;
import dev.ciservices.StartOptions;
import dev.ciservices.docker.DockerBackend;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Pulling one image from the local htpasswd registry: ci-services' pull (from its {@code Pulling
 * docker image} line to the image's {@code ImageReady} event) against {@code docker pull} (the
 * whole CLI process, with a temporary docker config logged in), alternating, the image removed
 * before every pull so that every layer downloads. Prints each sample, the medians and their ratio.
 *
 * <p>Arguments: {@code <image> <user> <password> [runs]}.
 */
public final class PullBenchmark {
  private PullBenchmark() {}

  public static void main(String[] args) throws Exception {
    String image = args[0];
    String user = args[1];
    String password = args[2];
    int runs = args.length > 3 ? Integer.parseInt(args[3]) : 5;
    String registry = image.substring(0, image.indexOf('/'));
    String auth = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    String authConfig = "{\"auths\":{\"" + registry + "\":{\"auth\":\"" + auth + "\"}}}";
    Path dockerConfig = Files.createTempDirectory("pull-benchmark");
    Files.writeString(dockerConfig.resolve("config.json"), authConfig);
    List<Double> ours = new ArrayList<>();
    List<Double> cli = new ArrayList<>();
    try (DockerBackend docker = DockerBackend.connect()) {
      RunnerConfig config = RunnerConfig.builder().pullPolicy(PullPolicy.ALWAYS).waitForServicesTimeout(-1)
          .dockerConfig(Files.createTempDirectory("pull-benchmark-ours")).build();
      JobSpec job = JobSpec.builder().variable("DOCKER_AUTH_CONFIG", authConfig)
          .service(ServiceSpec.builder(image).entrypoint("/nonexistent").build()).build();
      for (int i = 0; i < runs + 1; i++) {
        remove(image);
        double o = oursOnce(docker, JobPlanner.plan(job, config));
        remove(image);
        double c = cliOnce(image, dockerConfig);
        if (i == 0) {
          System.out.printf(Locale.ROOT, "warm-up: ours %.2f s, docker pull %.2f s%n", o, c);
          continue;
        }
        ours.add(o);
        cli.add(c);
        System.out.printf(Locale.ROOT, "run %d: ours %.2f s, docker pull %.2f s%n", i, o, c);
      }
    } finally {
      remove(image);
    }
    double mo = Stats.median(ours);
    double mc = Stats.median(cli);
    System.out.printf(Locale.ROOT, "pull %s, %d runs: ours median %.2f s (min %.2f, max %.2f), docker pull median %.2f s"
        + " (min %.2f, max %.2f), ratio ours/docker %.2f%n", image, runs, mo, Stats.min(ours), Stats.max(ours), mc,
        Stats.min(cli), Stats.max(cli), mo / mc);
  }

  /** Seconds from our "Pulling docker image" line to the image being ready. */
  private static double oursOnce(DockerBackend docker, JobPlan plan) {
    AtomicLong pulling = new AtomicLong();
    AtomicLong ready = new AtomicLong();
    ServiceListener listener = new ServiceListener() {
      @Override
      public void onTrace(String line) {
        if (line.startsWith("Pulling docker image")) {
          pulling.set(System.nanoTime());
        }
      }

      @Override
      public void onEvent(JobEvent event) {
        if (event instanceof JobEvent.ImageReady) {
          ready.set(System.nanoTime());
        }
      }
    };
    try (RunningServices ignored = docker.start(plan, StartOptions.gitlab(listener))) {
      // the service cannot start (its entrypoint does not exist): only the pull is measured
    } catch (RuntimeException expected) {
      // ServiceStartException after the pull
    }
    if (pulling.get() == 0 || ready.get() == 0) {
      throw new IllegalStateException("the pull did not complete");
    }
    return (ready.get() - pulling.get()) / 1e9;
  }

  private static double cliOnce(String image, Path dockerConfig) throws Exception {
    long t0 = System.nanoTime();
    Process p = new ProcessBuilder("docker", "--config", dockerConfig.toString(), "pull", "-q", image)
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IllegalStateException("docker pull " + image + " failed");
    }
    return (System.nanoTime() - t0) / 1e9;
  }

  private static void remove(String image) throws Exception {
    Process p = new ProcessBuilder("docker", "rmi", "-f", image).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    p.waitFor(60, TimeUnit.SECONDS);
  }
}
