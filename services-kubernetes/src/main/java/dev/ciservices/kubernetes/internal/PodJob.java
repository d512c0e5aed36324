package dev.ciservices.kubernetes.internal;

import dev.ciservices.JobEvent;
import dev.ciservices.JobPhase;
import dev.ciservices.JobPlan;
import dev.ciservices.JobResult;
import dev.ciservices.ServicesException;
import dev.ciservices.StartOptions;
import dev.ciservices.Variable;
import dev.ciservices.WorkspaceMode;
import dev.ciservices.internal.GoDuration;
import dev.ciservices.internal.MaskedFailures;
import dev.ciservices.internal.ShellScript;
import dev.ciservices.internal.WorkspaceFiles;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A whole job in its pod: the services as {@link PodRun} starts them, then the workspace and file
 * variables in {@code build}, {@code before_script} and {@code script} in one shell of {@code build},
 * {@code after_script} in another, the exit code from the exec, and the pod deleted whatever happened.
 */
final class PodJob {
  private static final Duration AFTER_SCRIPT_TIMEOUT = Duration.ofMinutes(5);

  private final PodSession session;
  private final KubernetesClient client;
  private final JobPlan plan;
  private final StartOptions options;
  private final PullSecrets pullSecrets;
  private final Map<JobPhase, Duration> timings = new EnumMap<>(JobPhase.class);

  PodJob(PodSession session, JobPlan plan, StartOptions options, PullSecrets pullSecrets) {
    this.session = session;
    this.client = session.client();
    this.plan = plan;
    this.options = options;
    this.pullSecrets = pullSecrets;
  }

  /** Runs the job; an exception leaves masked, as {@link PodRun#start()}'s does. */
  JobResult run() {
    plan.requireValid();
    PodRun start = new PodRun(session, plan, options, pullSecrets);
    try {
      return run(start);
    } catch (RuntimeException e) {
      throw MaskedFailures.mask(e, start.trace().masker());
    }
  }

  private JobResult run(PodRun start) {
    plan.workspace().ifPresent(this::checkWorkspace);
    long phase = System.nanoTime();
    Trace trace = start.trace();
    PodServices services;
    try {
      services = start.start();
    } catch (ServicesException e) {
      trace.error("Job failed (system failure): " + e.getMessage());
      throw e;
    }
    phase = finish(trace, JobPhase.SERVICES, phase);
    boolean interrupted = false;
    OptionalInt exit;
    try {
      prepareWorkspace(services.pod(), trace);
      phase = finish(trace, JobPhase.WORKSPACE, phase);
      trace.line("Executing \"step_script\" stage of the job script");
      List<String> commands = new ArrayList<>(plan.stepScript());
      exit = script(services.pod(), commands, System.nanoTime() + plan.timeout().toNanos(), trace);
      phase = finish(trace, JobPhase.SCRIPT, phase);
      if (!plan.afterScript().isEmpty()) {
        trace.line("Running after_script");
        trace.line("Running after script...");
        OptionalInt after = script(services.pod(), plan.afterScript(),
            System.nanoTime() + AFTER_SCRIPT_TIMEOUT.toNanos(), trace);
        if (after.isEmpty() || after.getAsInt() != 0) {
          trace.warning("after_script failed, but job will continue unaffected: "
              + (after.isEmpty() ? "execution took longer than " + GoDuration.format(AFTER_SCRIPT_TIMEOUT)
                  : "command terminated with exit code " + after.getAsInt()));
        }
        phase = finish(trace, JobPhase.AFTER_SCRIPT, phase);
      }
    } catch (InterruptedException e) {
      interrupted = true;
      throw new ServicesException("interrupted while running job " + plan.instanceId()
          + "; everything created was removed", e);
    } finally {
      interrupted |= Thread.interrupted();
      services.close();
      finish(trace, JobPhase.CLEANUP, phase);
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    return result(exit, trace);
  }

  private JobResult result(OptionalInt exit, Trace trace) {
    JobResult result;
    if (exit.isEmpty()) {
      result = new JobResult(JobResult.Status.TIMED_OUT, -1, timings);
      trace.error("Job failed: execution took longer than " + GoDuration.format(plan.timeout())
          + " seconds");
    } else if (exit.getAsInt() == 0) {
      result = new JobResult(JobResult.Status.SUCCESS, 0, timings);
      trace.success("Job succeeded");
    } else {
      result = new JobResult(JobResult.Status.FAILED, exit.getAsInt(), timings);
      trace.error("Job failed: command terminated with exit code " + exit.getAsInt());
    }
    trace.event(new JobEvent.JobFinished(Instant.now(), result));
    return result;
  }

  private void prepareWorkspace(String pod, Trace trace) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    StringBuilder prepare = new StringBuilder("mkdir -p " + ShellScript.quote(plan.projectDir()) + " "
        + ShellScript.quote(plan.projectDir() + ".tmp"));
    for (Map.Entry<String, String> file : plan.files().entrySet()) {
      prepare.append("\nprintf '%s' ").append(ShellScript.quote(file.getValue())).append(" > ")
          .append(ShellScript.quote(file.getKey()));
    }
    plan.sourcesTraceLines().forEach(trace::line);
    Path workspace = plan.workspace().orElse(null);
    if (workspace != null) {
      WorkspaceFiles.Selection selection;
      try {
        selection = WorkspaceFiles.select(workspace, plan.workspaceMode());
      } catch (UncheckedIOException e) {
        throw new ServicesException(String.valueOf(e.getMessage()), e);
      }
      trace.line(selection.description());
      prepare.append('\n').append(Workspace.script(selection, plan.projectDir()));
    }
    List<String> output = new ArrayList<>();
    OptionalInt code = PodExec.run(client, session.namespace(), pod, JobPod.BUILD, "set -e\n" + prepare, output::add,
        deadline);
    if (code.isEmpty() || code.getAsInt() != 0) {
      throw new ServicesException("preparing the build container failed: exited with "
          + (code.isEmpty() ? "a timeout" : "code " + code.getAsInt()) + ": " + trace.mask(String.join("\n", output)));
    }
  }

  private OptionalInt script(String pod, List<String> commands, long deadline, Trace trace)
      throws InterruptedException {
    StringBuilder script = new StringBuilder();
    // variables that are neither public nor internal are not in the container's env: the script exports them
    for (Variable v : plan.jobVariables()) {
      if (!v.reachesServices()) {
        script.append("export ").append(v.key()).append('=').append(ShellScript.quote(v.value())).append('\n');
      }
    }
    script.append(ShellScript.of(plan.projectDir(), commands, true));
    return PodExec.run(client, session.namespace(), pod, JobPod.BUILD, script.toString(), line -> {
      trace.line(line);
      trace.event(new JobEvent.ScriptLine(Instant.now(), trace.mask(line)));
    }, deadline);
  }

  private long finish(Trace trace, JobPhase phase, long since) {
    long now = System.nanoTime();
    Duration took = Duration.ofNanos(now - since);
    timings.put(phase, took);
    trace.event(new JobEvent.PhaseFinished(Instant.now(), phase, took));
    return now;
  }

  private void checkWorkspace(Path workspace) {
    if (plan.workspaceMode() == WorkspaceMode.BIND_MOUNT) {
      throw new ServicesException("workspace " + workspace + ": a bind mount (WorkspaceMode.BIND_MOUNT) needs the"
          + " Docker backend; on Kubernetes give WorkspaceMode.TRACKED_FILES or DIRECTORY");
    }
    if (!Files.isDirectory(workspace)) {
      throw new ServicesException("workspace " + workspace + " is not an existing directory; give the project"
          + " directory to copy into the job");
    }
  }
}
