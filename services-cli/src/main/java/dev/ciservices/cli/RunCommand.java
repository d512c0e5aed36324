package dev.ciservices.cli;

import dev.ciservices.ImagePullException;
import dev.ciservices.JobPlan;
import dev.ciservices.JobPlanner;
import dev.ciservices.JobResult;
import dev.ciservices.JobSpec;
import dev.ciservices.ReadinessProbe;
import dev.ciservices.StartOptions;
import dev.ciservices.WorkspaceMode;
import dev.ciservices.docker.DockerBackend;
import dev.ciservices.docker.DockerOptions;
import dev.ciservices.kubernetes.KubernetesBackend;
import dev.ciservices.kubernetes.KubernetesConfig;
import dev.ciservices.kubernetes.KubernetesOptions;
import dev.ciservices.spi.ServiceBackend;
import dev.ciservices.gitlab.GitLabCiException;
import dev.ciservices.gitlab.GitLabCiFile;
import dev.ciservices.gitlab.RuleOutcome;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code run <job>}: runs the job with its services on the local engine; exits with the job's status. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run a job of .gitlab-ci.yml with its services on the local Docker engine (or in a pod on the"
        + " Kubernetes cluster kubectl uses, with --backend kubernetes). The job sees the tracked files of the file's"
        + " directory, as a GitLab clone holds them (see --workspace). Exits with the job's status; 3 when the job's"
        + " rules say never.")
final class RunCommand implements Callable<Integer> {
  @Mixin
  JobOptions options = new JobOptions();

  @Option(names = "--readiness", paramLabel = "<probe>", description = "How services are found ready: auto (default:"
      + " decided from the engine, said in the \"Running with\" line), container-address (dial the container in its"
      + " network, as GitLab does) or published-port (for Docker Desktop, remote engines, a JVM in a container)."
      + " Default from -Dciservices.readiness or CI_SERVICES_READINESS.")
  @Nullable String readiness;

  @Option(names = "--workspace", paramLabel = "<mode>", description = "What the job sees at CI_PROJECT_DIR:"
      + " tracked (default: the checkout's tracked files as they are in the working tree, uncommitted changes"
      + " included, untracked files left out, as a GitLab clone holds them), directory (every file of the file's"
      + " directory) or bind (the directory bind-mounted read-write; the job's changes stay; docker backend only).")
  String workspace = "tracked";

  @Spec
  CommandSpec spec;

  /** The {@code --workspace} value as a mode. */
  static WorkspaceMode workspaceMode(String value) {
    switch (value) {
      case "tracked":
        return WorkspaceMode.TRACKED_FILES;
      case "directory":
        return WorkspaceMode.DIRECTORY;
      case "bind":
        return WorkspaceMode.BIND_MOUNT;
      default:
        throw new IllegalArgumentException("--workspace \"" + value + "\" is not a workspace mode; use tracked,"
            + " directory or bind");
    }
  }

  /** The outcome of a job's rules for people: {@code when: on_success (rules[0] matched: ...)}. */
  static String describe(RuleOutcome rules) {
    return "when: " + rules.when() + " (" + rules.reason() + ")";
  }

  @Option(names = "--backend", paramLabel = "<backend>", description = "docker (default): the local engine;"
      + " kubernetes: one pod as GitLab's Kubernetes executor builds it, on the cluster of KUBECONFIG or"
      + " ~/.kube/config.")
  String backend = "docker";

  @Option(names = "--namespace", paramLabel = "<namespace>", description = "With --backend kubernetes: the"
      + " namespace (default: the kubeconfig context's, else default).")
  @Nullable String namespace;

  @Option(names = "--helper-image", paramLabel = "<image>", description = "With --backend kubernetes: the helper"
      + " image (default: GitLab's gitlab-runner-helper at the reference version).")
  @Nullable String helperImage;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    JobPlan plan;
    ReadinessProbe probe;
    try {
      options.checkRanges();
      probe = readiness == null ? ReadinessProbe.AUTO : ReadinessProbe.parse(readiness, "--readiness");
      WorkspaceMode mode = workspaceMode(workspace);
      GitLabCiFile ci = options.read();
      JobOptions.Prepared prepared = options.prepare(ci, true);
      JobSpec job = prepared.job();
      java.nio.file.Path dir = job.workspace().orElse(null);
      if (dir != null) {
        job = job.toBuilder().workspace(dir, mode).build();
      }
      ci.warnings(prepared.name()).forEach(w -> out.println("WARNING: " + w));
      if (!prepared.rules().runs() && !options.ignoreRules) {
        err.println("ci-services: job \"" + prepared.name() + "\" would not run in GitLab: " + describe(prepared.rules())
            + "; --ignore-rules runs it anyway");
        return Main.NEVER;
      }
      plan = JobPlanner.plan(job, options.runner());
    } catch (GitLabCiException | IllegalArgumentException e) {
      err.println("ci-services: " + e.getMessage());
      return Main.USAGE;
    }
    if (!plan.isValid()) {
      plan.errors().forEach(e -> {
        e.traceLines().forEach(out::println);
        err.println("ERROR: " + e.describe());
      });
      return 1;
    }
    try (Cancellation cancellation = Cancellation.install(Thread.currentThread())) {
      try (ServiceBackend connected = connect(probe)) {
        out.println("Running with ci-services on " + connected);
        boolean colours = spec.commandLine().getColorScheme().ansi().enabled();
        JobResult result = connected.run(plan, StartOptions.gitlab(ProgressBars.of(out, colours)));
        out.flush();
        if (cancellation.signal().isPresent()) {
          return cancelled(out, cancellation, "after it ended");
        }
        return result.succeeded() ? 0 : Math.max(1, result.exitCode());
      } catch (ImagePullException e) {
        if (cancellation.signal().isPresent()) {
          Thread.interrupted();
          return cancelled(out, cancellation, String.valueOf(e.getMessage()));
        }
        // as GitLab ends a job whose image cannot be had (the message is masked by the backend)
        out.println("\u001b[31;1mERROR: Job failed: " + e.getMessage() + "\u001b[0;m");
        out.flush();
        return 1;
      } catch (IllegalArgumentException e) {
        err.println("ci-services: " + e.getMessage());
        return Main.USAGE;
      } catch (RuntimeException e) {
        if (cancellation.signal().isEmpty()) {
          throw e;
        }
        Thread.interrupted();
        return cancelled(out, cancellation, String.valueOf(e.getMessage()));
      }
    }
  }

  private ServiceBackend connect(ReadinessProbe probe) {
    switch (backend) {
      case "docker":
        DockerOptions docker = DockerOptions.defaults();
        if (probe != ReadinessProbe.AUTO) {
          docker = docker.withReadinessProbe(probe);
        }
        return DockerBackend.connect(docker);
      case "kubernetes":
        KubernetesConfig.Builder runner = KubernetesConfig.builder();
        if (namespace != null) {
          runner.namespace(namespace);
        }
        if (helperImage != null) {
          runner.helperImage(helperImage);
        }
        return KubernetesBackend.connect(KubernetesOptions.defaults().withRunner(runner.build()));
      default:
        throw new IllegalArgumentException("--backend \"" + backend + "\" is not a backend; use docker or kubernetes");
    }
  }

  /** GitLab's line for a cancelled job, with what was cancelled and what was removed. */
  private int cancelled(PrintWriter out, Cancellation cancellation, String what) {
    out.println("\u001b[31;1mERROR: Job failed: canceled by " + cancellation.signal().orElseThrow() + ": job \""
        + options.job + "\" " + what + "\u001b[0;m");
    out.flush();
    return cancellation.status();
  }
}
