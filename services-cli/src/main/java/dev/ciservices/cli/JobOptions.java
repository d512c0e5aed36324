package dev.ciservices.cli;

import dev.ciservices.RunnerConfig;
import dev.ciservices.JobSpec;
import dev.ciservices.PullPolicy;
import dev.ciservices.Variable;
import dev.ciservices.gitlab.CheckoutVariables;
import dev.ciservices.gitlab.GitLabCiFile;
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

  @Option(names = "--debug-services", description = "Stream every service's log into the trace (CI_DEBUG_SERVICES).")
  boolean debugServices;

  @Option(names = "--timeout", paramLabel = "<seconds>", description = "The job's timeout in seconds (default 3600).")
  @Nullable Long timeoutSeconds;

  @Option(names = "--wait-timeout", paramLabel = "<seconds>", description = "wait_for_services_timeout in seconds "
      + "(default 30; negative skips the health check).")
  int waitTimeout;

  /** The CI file to read. */
  Path file() {
    return file != null ? file : Path.of(".gitlab-ci.yml");
  }

  /** The job to plan and the predefined variables derived for it, with where each came from. */
  record Prepared(JobSpec job, List<CheckoutVariables.Derived> derived) {}

  /**
   * The job from the file, with GitLab's predefined variables derived from the checkout (which the
   * file's variables and the command line's override), the command line's variables and settings,
   * and its workspace the file's directory.
   */
  Prepared prepare(GitLabCiFile ci, boolean withWorkspace) {
    JobSpec.Builder job = ci.job(this.job).toBuilder();
    Path dir = file().toAbsolutePath().getParent();
    List<Variable> given = new ArrayList<>();
    for (String assignment : variables) {
      given.add(assignment("--var", assignment, false));
    }
    for (String assignment : secrets) {
      given.add(assignment("--secret", assignment, true));
    }
    Map<String, String> givenValues = new LinkedHashMap<>();
    given.forEach(v -> givenValues.put(v.key(), v.value()));
    List<CheckoutVariables.Derived> derived = List.of();
    if (dir != null && Files.isDirectory(dir)) {
      if (withWorkspace) {
        job.workspace(dir);
      }
      CheckoutVariables checkout = CheckoutVariables.derive(dir, givenValues);
      job.projectPath(checkout.projectPath());
      derived = checkout.forJob(this.job, ci.stage(this.job), givenValues);
      job.predefinedVariables(CheckoutVariables.variables(derived));
    }
    given.forEach(job::variable);
    if (debugServices) {
      job.debugServices(true);
    }
    if (timeoutSeconds != null) {
      job.timeout(Duration.ofSeconds(timeoutSeconds));
    }
    return new Prepared(job.build(), derived);
  }

  private static Variable assignment(String option, String assignment, boolean secret) {
    int eq = assignment.indexOf('=');
    if (eq <= 0) {
      throw new IllegalArgumentException(option + " \"" + assignment + "\" is not KEY=VALUE; e.g. " + option
          + " POSTGRES_PASSWORD=example");
    }
    String key = assignment.substring(0, eq);
    String value = assignment.substring(eq + 1);
    try {
      return secret ? Variable.secret(key, value) : Variable.of(key, value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(option + " \"" + assignment + "\": " + e.getMessage(), e);
    }
  }

  /** A local runner: the given pull policies (if-not-present by default), every policy allowed. */
  RunnerConfig runner() {
    RunnerConfig.Builder runner = RunnerConfig.builder().allowedPullPolicies(PullPolicy.values())
        .waitForServicesTimeout(waitTimeout);
    if (pullPolicies.isEmpty()) {
      runner.pullPolicy(PullPolicy.IF_NOT_PRESENT);
    } else {
      runner.pullPolicy(pullPolicies.toArray(String[]::new));
    }
    return runner.build();
  }
}
