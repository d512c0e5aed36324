package dev.ciservices.docker.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import dev.ciservices.ContainerPlan;
import dev.ciservices.JobEvent;
import dev.ciservices.JobPhase;
import dev.ciservices.JobPlan;
import dev.ciservices.JobResult;
import dev.ciservices.NetworkPlan;
import dev.ciservices.RunningService;
import dev.ciservices.RunningServices;
import dev.ciservices.ServiceLink;
import dev.ciservices.ServicesException;
import dev.ciservices.StartOptions;
import dev.ciservices.WorkspaceMode;
import dev.ciservices.internal.GoDuration;
import dev.ciservices.internal.ShellScript;
import dev.ciservices.internal.WorkspaceFiles;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import org.jspecify.annotations.Nullable;

/**
 * A whole job, in the documentation's order: services (created, started, health-checked), then the
 * job container from {@code image} on the same network (alias {@code build}), the workspace copied to
 * {@code CI_PROJECT_DIR}, {@code before_script} and {@code script} in one shell, {@code after_script}
 * in another, and the removal of the job container and every service, whatever happened.
 */
final class JobRun {
  /** GitLab's {@code after_script} timeout. */
  private static final Duration AFTER_SCRIPT_TIMEOUT = Duration.ofMinutes(5);
  private static final List<String> KEEP_ALIVE =
      List.of("sh", "-c", "trap 'exit 0' TERM INT; while :; do sleep 1; done");

  private final RunContext run;
  private final DockerClient docker;
  private final Map<String, String> ownerLabels;
  private final DockerBackendSettings settings;
  private final JobPlan plan;
  private final StartOptions options;
  private final Trace trace;
  private final Map<JobPhase, Duration> timings = new EnumMap<>(JobPhase.class);

  JobRun(RunContext run) {
    this.run = run;
    this.docker = run.docker();
    this.ownerLabels = run.ownerLabels();
    this.settings = run.settings();
    this.plan = run.plan();
    this.options = run.options();
    this.trace = run.trace();
  }

  JobResult run() {
    plan.requireValid();
    ContainerPlan job = plan.jobContainer().orElseThrow(() -> new ServicesException("job \"" + plan.jobName()
        + "\" has no image; set JobSpec image(...) or RunnerConfig defaultImage(...)"));
    plan.workspace().ifPresent(JobRun::checkWorkspace);
    long phase = System.nanoTime();
    // the job's use of the backend is released by Engine.run, not by the services' handle
    DockerRunningServices services = (DockerRunningServices) new ServicesRun(run, () -> { }).start();
    phase = finish(JobPhase.SERVICES, phase);
    String container = null;
    OptionalInt exit = OptionalInt.empty();
    boolean interrupted = false;
    Exception interruption = null;
    Resources.Result cleanup;
    try {
      container = createJobContainer(job, services);
      phase = finish(JobPhase.JOB_CONTAINER, phase);
      prepareWorkspace(container);
      phase = finish(JobPhase.WORKSPACE, phase);

      trace.line("Executing \"step_script\" stage of the job script");
      exit = script(container, plan.stepScript(), System.nanoTime() + plan.timeout().toNanos());
      phase = finish(JobPhase.SCRIPT, phase);

      if (!plan.afterScript().isEmpty()) {
        trace.line("Running after_script");
        trace.line("Running after script...");
        OptionalInt afterExit = script(container, plan.afterScript(),
            System.nanoTime() + AFTER_SCRIPT_TIMEOUT.toNanos());
        if (afterExit.isEmpty() || afterExit.getAsInt() != 0) {
          trace.warning("after_script failed, but job will continue unaffected: "
              + (afterExit.isEmpty() ? "execution took longer than " + GoDuration.format(AFTER_SCRIPT_TIMEOUT)
                  : "exit code " + afterExit.getAsInt()));
        }
        phase = finish(JobPhase.AFTER_SCRIPT, phase);
      }
    } catch (InterruptedException e) {
      interrupted = true;
      interruption = e;
    } catch (RuntimeException e) {
      // docker-java reports an interrupt during a call as a cancellation, not as InterruptedException
      interrupted = Thread.currentThread().isInterrupted() || e instanceof CancellationException;
      if (!interrupted) {
        throw e;
      }
      interruption = e;
    } finally {
      // clear the interrupt while removing, or the engine calls of the clean-up would be cancelled too
      interrupted |= Thread.interrupted();
      // the job container is one of the job's resources: removed with the services, network and volume
      cleanup = services.remove();
      finish(JobPhase.CLEANUP, phase);
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    if (interruption != null) {
      throw new ServicesException("interrupted while running job " + plan.instanceId() + Removed.describe(cleanup),
          interruption);
    }
    return result(exit);
  }

  private JobResult result(OptionalInt exit) {
    JobResult result;
    if (exit.isEmpty()) {
      result = new JobResult(JobResult.Status.TIMED_OUT, -1, timings);
      trace.error("Job failed: execution took longer than " + GoDuration.format(plan.timeout()) + " seconds");
    } else if (exit.getAsInt() == 0) {
      result = new JobResult(JobResult.Status.SUCCESS, 0, timings);
      trace.success("Job succeeded");
    } else {
      result = new JobResult(JobResult.Status.FAILED, exit.getAsInt(), timings);
      trace.error("Job failed: exit code " + exit.getAsInt());
    }
    trace.event(new JobEvent.JobFinished(Instant.now(), result));
    return result;
  }

  /** {@code Using docker image <ID> for <image> with digest <repo digest> ...}, as the runner prints it. */
  private String usingImageLine(String image) {
    try {
      var inspected = docker.inspectImageCmd(image).exec();
      List<String> digests = inspected.getRepoDigests();
      return "Using docker image " + inspected.getId() + " for " + image
          + (digests == null || digests.isEmpty() ? "" : " with digest " + digests.get(0)) + " ...";
    } catch (RuntimeException e) {
      return "Using docker image " + image + " ...";
    }
  }

  private String createJobContainer(ContainerPlan job, DockerRunningServices services) {
    String image = job.image();
    try {
      new ImagePuller(docker, trace, run.pool(), plan.registryCredentials(),
          dev.ciservices.registry.RegistryAuth.helpers(plan.registryCredentials())).ensure(image, job.pullPolicy()).join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
    trace.line(usingImageLine(image));
    CreateContainerCmd create = ContainerRequest.of(job).withCommand(KEEP_ALIVE)
        .create(docker, ownerLabels, links(job, services));
    String id;
    try {
      id = create.exec().getId();
    } catch (RuntimeException e) {
      throw new ServicesException("create job container: " + plan.jobContainerName() + " from " + image + ": "
          + Messages.of(e), e);
    }
    if (!services.resources().addContainer(id, plan.jobContainerName())) {
      throw new CancellationException("the job was cancelled while its container was created");
    }
    try {
      docker.startContainerCmd(id).exec();
    } catch (RuntimeException e) {
      throw new ServicesException("start job container: " + plan.jobContainerName() + " from " + image + ": "
          + Messages.of(e), e);
    }
    return id;
  }

  /** GitLab's links emulation on the default bridge: each planned link's hostname, to its service's address. */
  private List<String> links(ContainerPlan job, RunningServices services) {
    List<String> links = new ArrayList<>();
    Map<String, String> addresses = new LinkedHashMap<>();
    for (ServiceLink link : job.network().links()) {
      String address = addresses.computeIfAbsent(link.container(), name -> bridgeAddress(services, name));
      if (!address.isEmpty()) {
        links.add(link.hostname() + ":" + address);
      }
    }
    return links;
  }

  private String bridgeAddress(RunningServices services, String containerName) {
    for (RunningService service : services.services()) {
      if (service.plan().containerName().equals(containerName)) {
        var networks = docker.inspectContainerCmd(service.containerId()).exec().getNetworkSettings().getNetworks();
        // Docker calls its default bridge "bridge", Podman "podman": a container on it has that one network
        var bridge = networks.get(NetworkPlan.DEFAULT_BRIDGE);
        if (bridge == null && networks.size() == 1) {
          bridge = networks.values().iterator().next();
        }
        return bridge == null || bridge.getIpAddress() == null ? "" : bridge.getIpAddress();
      }
    }
    return "";
  }

  private void prepareWorkspace(String container) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    String tmp = plan.projectDir() + ".tmp";
    exec(container, List.of("mkdir", "-p", plan.projectDir(), tmp), List.of(), deadline);
    plan.sourcesTraceLines().forEach(trace::line);
    Path workspace = plan.workspace().orElse(null);
    if (workspace != null) {
      copyWorkspace(container, workspace);
    }
    for (Map.Entry<String, String> file : plan.files().entrySet()) {
      exec(container, List.of("sh", "-c", "printf '%s' \"$CI_SERVICES_FILE_CONTENT\" > " + ShellScript.quote(file.getKey())),
          List.of("CI_SERVICES_FILE_CONTENT=" + file.getValue()), deadline);
    }
  }

  /**
   * The selected files of the workspace as one uncompressed tar stream into {@code CI_PROJECT_DIR}
   * (a bind-mounted workspace is in place already), and a trace line saying what was chosen.
   */
  private void copyWorkspace(String container, Path workspace) {
    WorkspaceFiles.Selection selection;
    try {
      selection = WorkspaceFiles.select(workspace, plan.workspaceMode());
    } catch (UncheckedIOException e) {
      throw new ServicesException(String.valueOf(e.getMessage()), e);
    }
    trace.line(selection.description());
    if (plan.workspaceMode() == WorkspaceMode.BIND_MOUNT) {
      return;
    }
    try (WorkspaceTar tar = new WorkspaceTar(selection)) {
      docker.copyArchiveToContainerCmd(container).withTarInputStream(tar).withRemotePath(plan.projectDir()).exec();
    } catch (RuntimeException e) {
      throw new ServicesException("copy workspace " + workspace + " to " + plan.projectDir() + ": " + Messages.of(e), e);
    }
  }

  private void exec(String container, List<String> command, List<String> env, long deadline) throws InterruptedException {
    List<String> output = new ArrayList<>();
    OptionalInt code = Exec.run(docker, container, command, env, trace.masker(), output::add, deadline);
    if (code.isEmpty() || code.getAsInt() != 0) {
      throw new ServicesException("preparing the job container failed: " + String.join(" ", command.subList(0, 1))
          + " exited with " + (code.isEmpty() ? "a timeout" : "code " + code.getAsInt()) + ": "
          + trace.mask(String.join("\n", output)));
    }
  }

  private OptionalInt script(String container, List<String> commands, long deadline) throws InterruptedException {
    String script = ShellScript.of(plan.projectDir(), commands, true);
    return Exec.run(docker, container, List.of("sh", "-c", script), List.of(), trace.masker(), line -> {
      trace.line(line);
      trace.event(new JobEvent.ScriptLine(Instant.now(), trace.mask(line)));
    }, deadline);
  }

  private long finish(JobPhase phase, long since) {
    long now = System.nanoTime();
    Duration took = Duration.ofNanos(now - since);
    timings.put(phase, took);
    trace.event(new JobEvent.PhaseFinished(Instant.now(), phase, took));
    return now;
  }

  private static void checkWorkspace(@Nullable Path workspace) {
    if (workspace != null && !java.nio.file.Files.isDirectory(workspace)) {
      throw new ServicesException("workspace " + workspace + " is not an existing directory; give the project"
          + " directory to copy into the job");
    }
  }
}
