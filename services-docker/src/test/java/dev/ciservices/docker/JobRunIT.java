package dev.ciservices.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ciservices.RunnerConfig;
import dev.ciservices.ImagePullException;
import dev.ciservices.JobEvent;
import dev.ciservices.JobPhase;
import dev.ciservices.JobPlan;
import dev.ciservices.JobPlanner;
import dev.ciservices.JobResult;
import dev.ciservices.JobSpec;
import dev.ciservices.PullPolicy;
import dev.ciservices.ServiceListener;
import dev.ciservices.ServiceSpec;
import dev.ciservices.ServicesException;
import dev.ciservices.StartOptions;
import dev.ciservices.Variable;
import dev.ciservices.WorkspaceMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobRunIT {
  private static final String GREEN = "\u001b[32;1m";
  private static final String RED = "\u001b[31;1m";
  private static final String RESET = "\u001b[0;m";
  private static final String CLIENTS = Probe.CLIENTS;

  /** Keeps trace lines and events. */
  static final class Everything implements ServiceListener {
    final List<String> lines = new CopyOnWriteArrayList<>();
    final List<JobEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void onTrace(String line) {
      lines.add(line);
    }

    @Override
    public void onEvent(JobEvent event) {
      events.add(event);
    }

    String text() {
      return String.join("\n", lines);
    }
  }

  private static JobResult run(JobSpec job, Everything listener) {
    return run(job, Engines.LOCAL, listener);
  }

  private static JobResult run(JobSpec job, RunnerConfig config, Everything listener) {
    JobPlan plan = JobPlanner.plan(job, config);
    try {
      return Engines.DOCKER.run(plan, StartOptions.gitlab(listener));
    } finally {
      assertThat(Leftover.of(plan.instanceId())).isEmpty();
    }
  }

  @Test
  void queriesPostgresWithPsqlFromTheJobByEveryHostnameAfterServicesAreReady() {
    Everything out = new Everything();
    JobSpec job = JobSpec.builder().image(CLIENTS)
        .service(ServiceSpec.builder("postgres:15").alias("db").build())
        .variable("POSTGRES_PASSWORD", "pw").variable("PGPASSWORD", "pw")
        .beforeScript("until pg_isready -h db; do sleep 0.1; done")
        .script("psql -h db -U postgres -tAc 'select 6 * 7'", "psql -h postgres -U postgres -tAc \"select 'by default alias'\"")
        .build();
    JobResult result = run(job, out);
    assertThat(result.status()).isEqualTo(JobResult.Status.SUCCESS);
    assertThat(out.lines).containsSubsequence("Starting service postgres:15...",
        "Waiting for services to be up and running (timeout 30 seconds)...",
        "Executing \"step_script\" stage of the job script",
        GREEN + "$ until pg_isready -h db; do sleep 0.1; done" + RESET,
        GREEN + "$ psql -h db -U postgres -tAc 'select 6 * 7'" + RESET, "42",
        GREEN + "$ psql -h postgres -U postgres -tAc \"select 'by default alias'\"" + RESET, "by default alias",
        GREEN + "Job succeeded" + RESET);
    // services were ready before before_script ran
    int ready = indexOf(out.events, JobEvent.ServiceReady.class);
    int firstScriptLine = indexOf(out.events, JobEvent.ScriptLine.class);
    assertThat(ready).isNotNegative().isLessThan(firstScriptLine);
    assertThat(result.timings()).containsKeys(JobPhase.SERVICES, JobPhase.JOB_CONTAINER, JobPhase.WORKSPACE,
        JobPhase.SCRIPT, JobPhase.CLEANUP);
    assertThat(out.events).last().isInstanceOf(JobEvent.JobFinished.class);
  }

  @Test
  void aFailingCommandStopsTheJobWithItsCodeRunsAfterScriptAndRemovesServices() {
    Everything out = new Everything();
    JobSpec job = JobSpec.builder().image(CLIENTS).service("redis:7")
        .script("echo before", "sh -c 'exit 7'", "echo never printed")
        .afterScript("echo cleaning up", "redis-cli -h redis ping")
        .build();
    JobResult result = run(job, out);
    assertThat(result.status()).isEqualTo(JobResult.Status.FAILED);
    assertThat(result.exitCode()).isEqualTo(7);
    assertThat(out.lines).containsSubsequence("before", "Running after_script", "cleaning up", "PONG",
        RED + "ERROR: Job failed: exit code 7" + RESET).doesNotContain("never printed");
  }

  @Test
  void maskedValuesNeverReachTheTraceNorServiceLines() {
    Everything out = new Everything();
    JobSpec job = JobSpec.builder().image(CLIENTS).debugServices(true)
        .variable(Variable.of("DEPLOY_TOKEN", "tok-1234567890").withMasked(true))
        .service(ServiceSpec.builder("busybox:latest").alias("leaky").variable("HEALTHCHECK_TCP_PORT", "7000")
            .command("sh", "-c", "echo service sees $DEPLOY_TOKEN; exec nc -ll -p 7000 -e echo ok").build())
        .script("echo job sees $DEPLOY_TOKEN", "sleep 0.5")
        .build();
    JobResult result = run(job, out);
    assertThat(result.succeeded()).isTrue();
    assertThat(out.text()).contains("job sees [MASKED]").contains("service sees [MASKED]").doesNotContain("tok-1234567890");
    assertThat(out.events).filteredOn(e -> e instanceof JobEvent.ScriptLine)
        .noneMatch(e -> ((JobEvent.ScriptLine) e).line().contains("tok-1234567890"));
  }

  @Test
  void theWorkspaceIsCopiedToTheProjectDirAndServicesSeeItThroughBuilds(@TempDir Path workspace) throws Exception {
    Files.writeString(workspace.resolve("schema.sql"), "create table t (id int);\n");
    Files.createDirectories(workspace.resolve("src"));
    Files.writeString(workspace.resolve("src/app.txt"), "app\n");
    Everything out = new Everything();
    JobSpec job = JobSpec.builder().image(CLIENTS).workspace(workspace).projectPath("group/app")
        .service(ServiceSpec.builder("busybox:latest").alias("watcher").variable("HEALTHCHECK_TCP_PORT", "7000")
            .command("sh", "-c", "exec nc -ll -p 7000 -e sh -c 'cat /builds/group/app/src/app.txt 2>&1'").build())
        .script("pwd", "ls", "cat src/app.txt", "nc watcher 7000 </dev/null")
        .build();
    JobResult result = run(job, out);
    assertThat(result.succeeded()).isTrue();
    assertThat(out.lines).containsSubsequence(GREEN + "$ pwd" + RESET, "/builds/group/app",
        GREEN + "$ cat src/app.txt" + RESET, "app", GREEN + "$ nc watcher 7000 </dev/null" + RESET, "app");
    assertThat(out.lines).contains("schema.sql", "src");
  }

  private static void git(Path dir, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("git", "-c", "user.name=t", "-c",
        "user.email=t@example.com", "-C", dir.toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(String.join(" ", command) + ": " + output).isZero();
  }

  @Test
  void theJobSeesTheTrackedFilesWithUncommittedChangesAndNotTheBuildOutput(@TempDir Path checkout) throws Exception {
    Files.writeString(checkout.resolve("README.md"), "committed\n");
    Files.createDirectories(checkout.resolve("bin"));
    Files.writeString(checkout.resolve("bin/run.sh"), "#!/bin/sh\necho run\n");
    checkout.resolve("bin/run.sh").toFile().setExecutable(true);
    Files.createSymbolicLink(checkout.resolve("run"), Path.of("bin/run.sh"));
    Files.writeString(checkout.resolve(".gitignore"), "target/\n");
    git(checkout, "init", "-q");
    git(checkout, "add", ".");
    git(checkout, "commit", "-q", "-m", "first");
    Files.writeString(checkout.resolve("README.md"), "changed, not committed\n");
    Files.createDirectories(checkout.resolve("target"));
    Files.writeString(checkout.resolve("target/app.jar"), "build output\n");
    Files.writeString(checkout.resolve("scratch.txt"), "untracked\n");
    Everything out = new Everything();
    JobSpec job = JobSpec.builder().image(CLIENTS).workspace(checkout).projectPath("group/app")
        .script("ls -A", "cat README.md", "./run", "test -x bin/run.sh && echo executable").build();
    assertThat(run(job, out).succeeded()).isTrue();
    assertThat(out.lines).contains("Copying the 4 tracked files of the checkout as they are in the working tree (1"
        + " with uncommitted changes); untracked files are not copied (workspace mode directory copies them)");
    assertThat(out.lines).containsSubsequence(GREEN + "$ ls -A" + RESET, ".gitignore", "README.md", "bin", "run",
        GREEN + "$ cat README.md" + RESET, "changed, not committed", GREEN + "$ ./run" + RESET, "run",
        GREEN + "$ test -x bin/run.sh && echo executable" + RESET, "executable");
    assertThat(out.lines).doesNotContain("target", "scratch.txt", ".git");

    Everything whole = new Everything();
    assertThat(run(job.toBuilder().workspace(checkout, WorkspaceMode.DIRECTORY).build(), whole).succeeded()).isTrue();
    assertThat(whole.lines).contains(".git", "target", "scratch.txt");
  }

  @Test
  void aBindMountedWorkspaceKeepsWhatTheJobWrites(@TempDir Path checkout) throws Exception {
    Files.writeString(checkout.resolve("input.txt"), "in\n");
    Everything out = new Everything();
    JobSpec job = JobSpec.builder().image(CLIENTS).workspace(checkout, WorkspaceMode.BIND_MOUNT).projectPath("group/app")
        .script("cat input.txt", "echo out > output.txt").build();
    assertThat(run(job, out).succeeded()).isTrue();
    assertThat(out.lines).contains("Mounting " + checkout + " read-write at the project directory (nothing is copied;"
        + " what the job writes stays)", "in");
    assertThat(checkout.resolve("output.txt")).hasContent("out");
  }

  @Test
  void gitStrategyNoneAndEmptyLeaveTheProjectDirEmptyAndFetchCopiesTheWorkspace(@TempDir Path checkout)
      throws Exception {
    Files.writeString(checkout.resolve("input.txt"), "in\n");
    JobSpec job = JobSpec.builder().image(CLIENTS).workspace(checkout).projectPath("group/app")
        .script("pwd", "echo \"entries=$(ls -A | wc -l)\"").build();
    for (String strategy : List.of("none", "empty")) {
      Everything out = new Everything();
      assertThat(run(job.toBuilder().variable("GIT_STRATEGY", strategy).build(), out).succeeded()).isTrue();
      assertThat(out.lines).containsSubsequence(strategy.equals("none") ? "Skipping Git repository setup"
          : "Skipping Git repository setup and creating an empty build directory", "Skipping Git checkout",
          "Skipping Git submodules setup", GREEN + "$ pwd" + RESET, "/builds/group/app", "entries=0");
      assertThat(out.lines).noneMatch(l -> l.startsWith("Copying"));
    }
    Everything fetched = new Everything();
    assertThat(run(job.toBuilder().variable("GIT_STRATEGY", "fetch").build(), fetched).succeeded()).isTrue();
    assertThat(fetched.lines).contains("entries=1").doesNotContain("Skipping Git checkout");
  }

  @Test
  void predefinedAndJobVariablesAndTheNetworkNameReachTheJob() {
    Everything out = new Everything();
    JobSpec job = JobSpec.builder().image(CLIENTS).name("vars").jobId(42).projectPath("team/api")
        .variable("GREETING", "hi").variable(Variable.of("CONFIG", "a=1\n").withFile(true))
        .script("echo \"$CI $CI_JOB_ID $CI_PROJECT_DIR $GREETING\"", "cat \"$CONFIG\"", "echo net=$CI_BUILD_NETWORK_NAME")
        .build();
    JobPlan plan = JobPlanner.plan(job, Engines.LOCAL);
    JobResult result = Engines.DOCKER.run(plan, StartOptions.gitlab(out));
    assertThat(result.succeeded()).isTrue();
    assertThat(out.lines).contains("true 42 /builds/team/api hi", "a=1", "net=" + plan.networkName().orElseThrow());
  }

  @Test
  void theJobContainerIsPrivilegedWhenTheRunnerSaysSo() {
    // mounting needs CAP_SYS_ADMIN, which only a privileged container has
    JobSpec job = JobSpec.builder().image(CLIENTS)
        .script("mkdir -p /tmp/m", "mount -t tmpfs none /tmp/m && echo mounted || echo not mounted").build();
    Everything privileged = new Everything();
    assertThat(run(job, Engines.LOCAL.toBuilder().privileged(true).build(), privileged).succeeded()).isTrue();
    assertThat(privileged.lines).contains("mounted");
    Everything plain = new Everything();
    assertThat(run(job, Engines.LOCAL, plain).succeeded()).isTrue();
    assertThat(plain.lines).contains("not mounted");
  }

  @Test
  void theJobTimesOutCleanly() {
    Everything out = new Everything();
    JobSpec job = JobSpec.builder().image(CLIENTS).timeout(Duration.ofSeconds(2)).script("sleep 30").build();
    JobResult result = run(job, out);
    assertThat(result.status()).isEqualTo(JobResult.Status.TIMED_OUT);
    assertThat(out.lines).contains(RED + "ERROR: Job failed: execution took longer than 2s seconds" + RESET);
  }

  @Test
  void legacyLinksGiveTheJobTheServiceHostnames() {
    Everything out = new Everything();
    JobSpec job = JobSpec.builder().image(CLIENTS).service(ServiceSpec.builder("redis:7").alias("cache").build())
        .script("redis-cli -h cache ping", "redis-cli -h redis ping").build();
    JobResult result = run(job, Engines.LOCAL.toBuilder().networkMode(dev.ciservices.NetworkMode.LEGACY_LINKS).build(), out);
    assertThat(result.succeeded()).isTrue();
    assertThat(out.lines).filteredOn("PONG"::equals).hasSize(2);
  }

  @Test
  void aMissingJobImageUnderNeverFailsNamingItAndLeavesNothing() {
    Everything out = new Everything();
    RunnerConfig never = RunnerConfig.builder().pullPolicy(PullPolicy.NEVER).build();
    JobSpec job = JobSpec.builder().image("ci-services/no-such-job-image:1").service("redis:7").script("true").build();
    assertThatThrownBy(() -> run(job, never, out)).isInstanceOf(ImagePullException.class)
        .hasMessageContaining("image \"ci-services/no-such-job-image:1\" is not present locally");
  }

  @Test
  void aServiceThatCrashesGivesTheWarningAndTheJobStillRuns() {
    Everything out = new Everything();
    JobSpec job = JobSpec.builder().image(CLIENTS)
        .service(ServiceSpec.builder("busybox:latest").alias("crash").variable("HEALTHCHECK_TCP_PORT", "7000")
            .command("sh", "-c", "echo dying; exit 2").build())
        .script("echo job ran").build();
    JobResult result = run(job, out);
    assertThat(result.succeeded()).isTrue();
    assertThat(out.text()).contains("probably didn't start properly").contains("exited with code 2").contains("job ran");
  }

  @Test
  void aJobWithoutImageIsRefusedBeforeAnythingStarts() {
    JobSpec job = JobSpec.builder().name("no-image").service("redis:7").script("true").build();
    assertThatThrownBy(() -> Engines.DOCKER.run(JobPlanner.plan(job, Engines.LOCAL), StartOptions.gitlab(new Everything())))
        .isInstanceOf(ServicesException.class)
        .hasMessage("job \"no-image\" has no image; set JobSpec image(...) or RunnerConfig defaultImage(...)");
  }

  @Test
  void anInterruptedJobRemovesEverything() throws Exception {
    Everything out = new Everything();
    JobPlan plan = JobPlanner.plan(JobSpec.builder().image(CLIENTS).service("redis:7").script("sleep 60").build(), Engines.LOCAL);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread runner = new Thread(() -> {
      try {
        Engines.DOCKER.run(plan, StartOptions.gitlab(out));
      } catch (Throwable t) {
        failure.set(t);
      }
    });
    runner.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (out.lines.stream().noneMatch(l -> l.contains("$ sleep 60"))) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the job did not reach \"$ sleep 60\" within 60 s; trace:\n" + out.text());
      }
      Thread.sleep(20);
    }
    runner.interrupt();
    runner.join(30_000);
    assertThat(failure.get()).isInstanceOf(ServicesException.class)
        .hasMessage("interrupted while running job " + plan.instanceId() + "; removed container "
            + plan.jobContainerName() + ", container " + plan.services().get(0).containerName() + ", network "
            + plan.networkName().orElseThrow() + ", volume " + plan.buildsVolume());
    assertThat(Leftover.of(plan.instanceId())).isEmpty();
  }

  private static int indexOf(List<JobEvent> events, Class<? extends JobEvent> type) {
    for (int i = 0; i < events.size(); i++) {
      if (type.isInstance(events.get(i))) {
        return i;
      }
    }
    return -1;
  }
}
