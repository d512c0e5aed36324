package dev.ciservices.cli;

import dev.ciservices.NetworkMode;
import dev.ciservices.RunnerConfig;
import dev.ciservices.JobSpec;
import dev.ciservices.Variable;
import dev.ciservices.gitlab.CheckoutVariables;
import dev.ciservices.gitlab.GitLabCiFile;
import dev.ciservices.gitlab.RuleOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The options {@code run} and {@code plan} share: which file, which job, and how the local runner is set up. */
final class JobOptions {
  @Parameters(index = "0", paramLabel = "<job>", description = "The job's name, as in .gitlab-ci.yml.")
  String job = "";

  @Option(names = {"-f", "--file"}, paramLabel = "<file>", description = "The CI file (default: ./.gitlab-ci.yml).")
  @Nullable Path file;

  @Option(names = "--var", paramLabel = "KEY=VALUE", description = "A variable, as a project variable would be: "
      + "overrides the file's; repeatable.")
  List<String> variables = new ArrayList<>();

  @Option(names = "--secret", paramLabel = "KEY=VALUE", description = "A masked variable that services do not see"
      + " (like a protected project variable); its value is shown as [MASKED]; repeatable.")
  List<String> secrets = new ArrayList<>();

  @Option(names = "--pull-policy", paramLabel = "<policy>", description = "The runner's pull policy: always, "
      + "if-not-present (default: works offline with local images) or never; repeatable for fallbacks.")
  List<String> pullPolicies = new ArrayList<>();

  @Option(names = "--docker-config", paramLabel = "<dir>", description = "The folder of the docker config.json"
      + " whose login state (auths, credsStore, credHelpers) pulls use (default: $DOCKER_CONFIG, else ~/.docker).")
  @Nullable Path dockerConfig;

  @Option(names = "--debug-services", description = "Stream every service's log into the trace (CI_DEBUG_SERVICES).")
  boolean debugServices;

  @Option(names = "--timeout", paramLabel = "<seconds>", description = "The job's timeout in seconds (default 3600).")
  @Nullable Long timeoutSeconds;

  @Option(names = "--wait-timeout", paramLabel = "<seconds>", description = "wait_for_services_timeout in seconds "
      + "(default 30, or the --runner-config file's; negative skips the health check).")
  @Nullable Integer waitTimeout;

  @picocli.CommandLine.Mixin
  RunnerConfigOptions runnerConfig = new RunnerConfigOptions();

  @picocli.CommandLine.Spec(picocli.CommandLine.Spec.Target.MIXEE)
  picocli.CommandLine.Model.@Nullable CommandSpec command;

  @Option(names = "--network-mode", paramLabel = "<mode>", description = "How the job and its services are"
      + " networked: per-job (default: a network per job, GitLab's FF_NETWORK_PER_BUILD), links (the default"
      + " bridge with links) or pod (one network namespace as in a Kubernetes pod: services on localhost and"
      + " their host aliases, the Kubernetes health-check rule).")
  @Nullable String networkMode;

  @Option(names = "--pod-owner-image", paramLabel = "<image>", description = "The image of the container that holds"
      + " the pod's network namespace with --network-mode pod (default: busybox:latest); any image with sh and sleep.")
  @Nullable String podOwnerImage;

  /** The CI file to read. */
  Path file() {
    return file != null ? file : Path.of(".gitlab-ci.yml");
  }

  @Option(names = "--matrix", paramLabel = "KEY=VALUE", description = "Chooses the instance of a parallel: matrix"
      + " job by its matrix variables, e.g. run test --matrix POSTGRES=16; repeatable.")
  List<String> matrix = new ArrayList<>();

  @picocli.CommandLine.Mixin
  IncludeFlags includes = new IncludeFlags();

  /** Reads the CI file, fetching its includes as the include options say. */
  GitLabCiFile read() {
    return includes.read(file(), given(variables, secrets));
  }

  @Option(names = "--ignore-rules", description = "Run the job even when its rules (or workflow: rules) say never.")
  boolean ignoreRules;

  /**
   * The job to plan, the predefined variables derived for it (with where each came from), and what
   * its rules decide.
   */
  record Prepared(String name, JobSpec job, List<CheckoutVariables.Derived> derived, RuleOutcome rules) {}

  /** The chosen job of the file, prepared as {@link #prepare(GitLabCiFile, String, Path, List, boolean)} says. */
  Prepared prepare(GitLabCiFile ci, boolean withWorkspace) {
    Prepared prepared = prepare(ci, chooseJob(ci), file(), given(variables, secrets), withWorkspace);
    JobSpec.Builder job = prepared.job().toBuilder();
    if (debugServices) {
      job.debugServices(true);
    }
    if (timeoutSeconds != null) {
      job.timeout(Duration.ofSeconds(timeoutSeconds));
    }
    return new Prepared(prepared.name(), job.build(), prepared.derived(), prepared.rules());
  }

  /** The job named, or the instance of a parallel job that {@code --matrix} chooses. */
  private String chooseJob(GitLabCiFile ci) {
    List<String> instances = ci.instances(job);
    if (matrix.isEmpty()) {
      if (!instances.isEmpty()) {
        throw new IllegalArgumentException("\"" + job + "\" is a parallel job; name one of its jobs, "
            + instances.stream().map(n -> '"' + n + '"').collect(java.util.stream.Collectors.joining(", "))
            + ", or choose one with --matrix KEY=VALUE");
      }
      return job;
    }
    Map<String, String> wanted = new LinkedHashMap<>();
    for (String assignment : matrix) {
      int eq = assignment.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("--matrix \"" + assignment + "\" is not KEY=VALUE; e.g. --matrix"
            + " POSTGRES=16");
      }
      wanted.put(assignment.substring(0, eq), assignment.substring(eq + 1));
    }
    if (instances.isEmpty()) {
      ci.job(job);
      throw new IllegalArgumentException("--matrix: \"" + job + "\" has no parallel: matrix; run it without --matrix");
    }
    List<String> chosen = instances.stream()
        .filter(n -> ci.matrix(n).entrySet().containsAll(wanted.entrySet())).toList();
    if (chosen.size() == 1) {
      return chosen.get(0);
    }
    String list = (chosen.isEmpty() ? instances : chosen).stream().map(n -> '"' + n + '"')
        .collect(java.util.stream.Collectors.joining(", "));
    throw new IllegalArgumentException(chosen.isEmpty()
        ? "--matrix " + String.join(" --matrix ", matrix) + ": no job of \"" + job + "\" has these values; its jobs"
            + " are " + list
        : "--matrix " + String.join(" --matrix ", matrix) + " fits " + chosen.size() + " jobs of \"" + job + "\", "
            + list + "; add --matrix for another variable");
  }

  /** The {@code --var} and {@code --secret} variables, in that order. */
  static List<Variable> given(List<String> variables, List<String> secrets) {
    List<Variable> given = new ArrayList<>();
    for (String assignment : variables) {
      given.add(assignment("--var", assignment, false));
    }
    for (String assignment : secrets) {
      given.add(assignment("--secret", assignment, true));
    }
    return given;
  }

  /**
   * A job of the file as GitLab would send it: GitLab's predefined variables derived from the
   * checkout first (the file's variables and the given ones override them), the file's variables,
   * those of the matching rules, then the given ones (project variables, which win); its workspace
   * the file's directory.
   */
  static Prepared prepare(GitLabCiFile ci, String name, Path file, List<Variable> given, boolean withWorkspace) {
    return prepare(ci, name, file, given, withWorkspace, checkout(file, given));
  }

  /** The checkout's variables for the file's directory, or null when it is no directory. */
  static @Nullable CheckoutVariables checkout(Path file, List<Variable> given) {
    Path dir = file.toAbsolutePath().getParent();
    return dir != null && Files.isDirectory(dir) ? CheckoutVariables.derive(dir, values(given)) : null;
  }

  private static Map<String, String> values(List<Variable> given) {
    Map<String, String> givenValues = new LinkedHashMap<>();
    given.forEach(v -> givenValues.put(v.key(), v.value()));
    return givenValues;
  }

  /** As {@link #prepare(GitLabCiFile, String, Path, List, boolean)}, with the checkout's variables derived once. */
  static Prepared prepare(GitLabCiFile ci, String name, Path file, List<Variable> given, boolean withWorkspace,
      @Nullable CheckoutVariables checkout) {
    JobSpec.Builder job = ci.job(name).toBuilder();
    Path dir = file.toAbsolutePath().getParent();
    Map<String, String> givenValues = values(given);
    List<CheckoutVariables.Derived> derived = List.of();
    if (dir != null && checkout != null) {
      if (withWorkspace) {
        job.workspace(dir);
      }
      job.projectPath(checkout.projectPath());
      derived = checkout.forJob(name, ci.stage(name), givenValues);
      job.predefinedVariables(CheckoutVariables.variables(derived));
    }
    List<Variable> seen = new ArrayList<>(job.build().variables());
    seen.addAll(given);
    RuleOutcome rules = ci.rules(name, seen, dir != null ? dir : Path.of("."));
    rules.variables().forEach(job::variable);
    given.forEach(job::variable);
    return new Prepared(name, job.build(), derived, rules);
  }

  /** Checks the numbers before anything is read: one line naming the option, the value, the range and a fix. */
  void checkRanges() {
    if (timeoutSeconds != null && (timeoutSeconds < 1 || timeoutSeconds > MAX_TIMEOUT_SECONDS)) {
      throw new IllegalArgumentException("--timeout " + timeoutSeconds + ": the job timeout must be 1 to "
          + MAX_TIMEOUT_SECONDS + " seconds (30 days, GitLab's longest); e.g. --timeout 3600");
    }
    if (waitTimeout != null && waitTimeout > MAX_TIMEOUT_SECONDS) {
      throw new IllegalArgumentException("--wait-timeout " + waitTimeout + ": wait_for_services_timeout must be at"
          + " most " + MAX_TIMEOUT_SECONDS + " seconds (30 days); e.g. --wait-timeout 30, or -1 to skip the health check");
    }
  }

  static final long MAX_TIMEOUT_SECONDS = JobSpec.MAX_TIMEOUT.toSeconds();

  private static Variable assignment(String option, String assignment, boolean secret) {
    int eq = assignment.indexOf('=');
    if (eq <= 0) {
      String shown = secret ? "an argument" : "\"" + assignment + "\"";
      throw new IllegalArgumentException(option + " " + shown + " is not KEY=VALUE" + (secret
          ? " (not shown: it may hold the secret)" : "") + "; e.g. " + option + " POSTGRES_PASSWORD=example");
    }
    String key = assignment.substring(0, eq);
    String value = assignment.substring(eq + 1);
    try {
      return secret ? Variable.secret(key, value) : Variable.of(key, value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(option + " \"" + (secret ? key + "=" + Variable.MASKED : assignment)
          + "\": " + e.getMessage(), e);
    }
  }

  /** The {@code --network-mode} value of {@code mode}: {@code pod}, {@code per-job} or {@code links}. */
  static String networkModeName(NetworkMode mode) {
    return switch (mode) {
      case POD -> "pod";
      case PER_JOB -> "per-job";
      case LEGACY_LINKS -> "links";
    };
  }

  /** {@code pod}, {@code per-job} or {@code links}, as {@code --network-mode} takes them. */
  static NetworkMode networkMode(String value) {
    switch (value) {
      case "pod":
        return NetworkMode.POD;
      case "per-job":
        return NetworkMode.PER_JOB;
      case "links":
        return NetworkMode.LEGACY_LINKS;
      default:
        throw new IllegalArgumentException("--network-mode \"" + value + "\" is not a network mode; use per-job,"
            + " links or pod");
    }
  }

  /**
   * A local runner (if-not-present, every policy allowed) with the {@code --runner-config} file's keys
   * on it, then the given options (pull policies, wait timeout, docker config), which win.
   */
  RunnerConfig runner() {
    java.io.PrintWriter err = command != null ? command.commandLine().getErr()
        : new java.io.PrintWriter(System.err, true);
    RunnerConfig.Builder runner = runnerConfig.onto(RunnerConfig.local(), err);
    if (waitTimeout != null) {
      runner.waitForServicesTimeout(waitTimeout);
    }
    if (dockerConfig != null) {
      runner.dockerConfig(dockerConfig);
    }
    if (!pullPolicies.isEmpty()) {
      runner.pullPolicy(pullPolicies.toArray(String[]::new));
    }
    if (networkMode != null) {
      runner.networkMode(networkMode(networkMode));
    }
    if (podOwnerImage != null) {
      try {
        runner.podOwnerImage(podOwnerImage);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--pod-owner-image" + String.valueOf(e.getMessage())
            .substring("RunnerConfig.pod_owner_image".length()), e);
      }
    }
    return runner.build();
  }
}
