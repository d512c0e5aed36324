package dev.ciservices.benchmarks;

import dev.ciservices.JobPhase;
import dev.ciservices.JobPlan;
import dev.ciservices.JobPlanner;
import dev.ciservices.JobResult;
import dev.ciservices.JobSpec;
import dev.ciservices.ServiceListener;
import dev.ciservices.StartOptions;
import dev.ciservices.docker.DockerBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * Workspace copy: the time a job's workspace phase takes to put a checkout's tracked files into
 * {@code CI_PROJECT_DIR} ({@code mkdir} in the job container, then the tracked files as one tar
 * stream), against the docker CLI doing the same with the same files: {@code docker exec mkdir -p}
 * and {@code docker cp} of a directory holding exactly the tracked files (hard links), into a
 * container with a volume at {@code /builds}.
 *
 * <p>The checkout: {@code --files} tracked files of {@code --megabytes} in all (random bytes, so
 * nothing compresses), plus {@code --untracked-megabytes} of ignored build output that the job must
 * not see. Prints each contestant's median and the ratio ours/docker cp; the goal is at most 1.2.
 */
public final class WorkspaceCopyBenchmark {
  private static final String IMAGE = "busybox:latest";
  private static final String PROJECT = "bench/project";

  private WorkspaceCopyBenchmark() {}

  /** Runs the benchmark; exits 1 when a run failed or the job saw other files than the tracked ones. */
  public static void main(String[] args) throws Exception {
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    Map<String, String> options = options(args);
    int runs = Integer.parseInt(options.getOrDefault("runs", "3"));
    int warmups = Integer.parseInt(options.getOrDefault("warmups", "1"));
    int files = Integer.parseInt(options.getOrDefault("files", "3300"));
    long megabytes = Long.parseLong(options.getOrDefault("megabytes", "300"));
    long untracked = Long.parseLong(options.getOrDefault("untracked-megabytes", "100"));
    String runId = UUID.randomUUID().toString().substring(0, 8);
    Path root = Files.createTempDirectory("ci-services-workspace-bench");
    Path checkout = root.resolve("checkout");
    Path plain = root.resolve("tracked-only");
    int status = 0;
    try {
      long t0 = System.nanoTime();
      List<String> tracked = checkout(checkout, files, megabytes * 1024 * 1024, untracked * 1024 * 1024);
      for (String path : tracked) {
        Path link = plain.resolve(path);
        Files.createDirectories(link.getParent());
        Files.createLink(link, checkout.resolve(path));
      }
      System.out.printf("checkout: %d tracked files, %d MB, plus %d MB of ignored build output (made in %.1f s)%n",
          tracked.size(), megabytes, untracked, Sample.ms(System.nanoTime() - t0) / 1000);
      List<Double> ours = new ArrayList<>();
      List<Double> floor = new ArrayList<>();
      try (DockerBackend docker = DockerBackend.connect()) {
        for (int i = 0; i < warmups + runs; i++) {
          boolean measured = i >= warmups;
          double o = ours(docker, checkout, tracked.size());
          double f = floor(plain, runId);
          if (measured) {
            ours.add(o);
            floor.add(f);
          }
          System.out.printf("%s %d: ours %.0f ms, docker cp %.0f ms%n", measured ? "run" : "warm-up",
              measured ? i - warmups + 1 : i + 1, o, f);
        }
      }
      double mine = Stats.median(ours);
      double theirs = Stats.median(floor);
      System.out.printf("%nworkspace copy, %d files, %d MB (median of %d, min-max)%n", tracked.size(), megabytes, runs);
      System.out.printf("  ours (tracked files, tar stream)   %7.0f ms  (%.0f-%.0f)%n", mine, Stats.min(ours),
          Stats.max(ours));
      System.out.printf("  docker exec mkdir + docker cp      %7.0f ms  (%.0f-%.0f)%n", theirs, Stats.min(floor),
          Stats.max(floor));
      System.out.printf("  ratio ours/docker cp: %.2f (goal: at most 1.20)%n", mine / theirs);
    } catch (RuntimeException | IOException e) {
      System.err.println("workspace benchmark failed: " + e.getMessage());
      status = 1;
    } finally {
      for (String id : Cli.lines("ps", "-aq", "--filter", "label=" + Cleanup.RUN + "=" + runId)) {
        Cli.docker("rm", "-f", "-v", id);
      }
      delete(root);
    }
    System.exit(status);
  }

  /** A git checkout of {@code files} random files, committed, and ignored output beside them; the tracked paths. */
  private static List<String> checkout(Path dir, int files, long trackedBytes, long untrackedBytes) throws IOException {
    Random random = new Random(42);
    byte[] block = new byte[(int) Math.max(1, trackedBytes / files)];
    List<String> paths = new ArrayList<>();
    for (int i = 0; i < files; i++) {
      String path = String.format("src/d%02d/f%04d.bin", i / 100, i);
      Path file = dir.resolve(path);
      Files.createDirectories(file.getParent());
      random.nextBytes(block);
      Files.write(file, block);
      paths.add(path);
    }
    Files.writeString(dir.resolve(".gitignore"), "target/\n");
    paths.add(".gitignore");
    byte[] output = new byte[1024 * 1024];
    for (long written = 0; written < untrackedBytes; written += output.length) {
      Path file = dir.resolve("target/out-" + written / output.length + ".bin");
      Files.createDirectories(file.getParent());
      random.nextBytes(output);
      Files.write(file, output);
    }
    git(dir, "init", "-q");
    // uncompressed objects: making the checkout is not what is measured
    git(dir, "-c", "core.compression=0", "-c", "core.looseCompression=0", "add", "-A");
    git(dir, "-c", "user.name=bench", "-c", "user.email=bench@example.com", "commit", "-q", "-m", "checkout");
    return paths;
  }

  /** The workspace phase of a job that counts the files it sees; fails unless it saw exactly the tracked ones. */
  private static double ours(DockerBackend docker, Path checkout, int expected) {
    JobSpec job = JobSpec.builder().image(IMAGE).projectPath(PROJECT).workspace(checkout)
        .script("find . -type f | wc -l").build();
    JobPlan plan = JobPlanner.plan(job, OursContestant.CONFIG);
    List<String> lines = new CopyOnWriteArrayList<>();
    ServiceListener trace = ServiceListener.trace(lines::add);
    JobResult result = docker.run(plan, StartOptions.gitlab(trace));
    if (!result.succeeded()) {
      throw new IllegalStateException("the job failed: " + String.join("\n", lines));
    }
    if (lines.stream().map(String::strip).noneMatch(String.valueOf(expected)::equals)) {
      throw new IllegalStateException("the job did not see " + expected + " files: " + String.join("\n", lines));
    }
    java.time.Duration took = result.timings().get(JobPhase.WORKSPACE);
    if (took == null) {
      throw new IllegalStateException("the job reported no workspace phase");
    }
    return Sample.ms(took.toNanos());
  }

  /** {@code docker exec mkdir -p} and {@code docker cp} of the same files into a container with a volume at /builds. */
  private static double floor(Path plain, String runId) {
    String id = Cli.docker("run", "-d", "--label", Cleanup.RUN + "=" + runId, "-v", "/builds", IMAGE, "sleep", "3600");
    try {
      String dir = "/builds/" + PROJECT;
      long t0 = System.nanoTime();
      Cli.docker("exec", id, "mkdir", "-p", dir, dir + ".tmp");
      Cli.docker("cp", plain + "/.", id + ":" + dir);
      return Sample.ms(System.nanoTime() - t0);
    } finally {
      Cli.docker("rm", "-f", "-v", id);
    }
  }

  private static void git(Path dir, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    try {
      if (p.waitFor() != 0) {
        throw new IOException(String.join(" ", command) + ": " + out.strip());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted: " + String.join(" ", command), e);
    }
  }

  private static void delete(Path root) {
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      System.err.println("could not remove " + root + ": " + e.getMessage());
    }
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new LinkedHashMap<>();
    List<String> known = List.of("runs", "warmups", "files", "megabytes", "untracked-megabytes");
    for (String arg : args) {
      if (!arg.startsWith("--") || !arg.contains("=") || !known.contains(arg.substring(2, arg.indexOf('=')))) {
        throw new IllegalArgumentException("options look like --runs=3, not " + arg + "; known: --runs --warmups"
            + " --files --megabytes --untracked-megabytes");
      }
      options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
    }
    return options;
  }
}
