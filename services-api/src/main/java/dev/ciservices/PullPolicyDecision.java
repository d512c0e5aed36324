package dev.ciservices;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How GitLab Runner settles a service's pull policies: the requested list (the service's own, else
 * the runner's, else {@code [always]}), the allowed list (the runner's {@code allowed_pull_policies},
 * else the runner's effective pull policies), and the effective list: the requested entries that are
 * allowed, in requested order. They are tried in that order, each failure falling back to the next.
 *
 * @param requested the requested policies
 * @param source where the requested policies come from, as the error message names it
 * @param allowed the allowed policies
 * @param effective the policies to try, in order; empty when none is allowed
 */
public record PullPolicyDecision(
    List<PullPolicy> requested, Source source, List<PullPolicy> allowed, List<PullPolicy> effective) {

  /** Where the requested policies come from. */
  public enum Source {
    /** The service's {@code pull_policy}. */
    PIPELINE("GitLab pipeline config"),
    /** The runner's {@code pull_policy}. */
    RUNNER("Runner config"),
    /** Neither is set: GitLab's default. */
    RUNNER_DEFAULT("Runner config (default)");

    private final String text;

    Source(String text) {
      this.text = text;
    }

    /** The phrase GitLab uses in its error message. */
    public String text() {
      return text;
    }
  }

  /** Copies the lists. */
  public PullPolicyDecision {
    requested = List.copyOf(requested);
    allowed = List.copyOf(allowed);
    effective = List.copyOf(effective);
  }

  /** Decides for a service's requested policies under a runner configuration. */
  public static PullPolicyDecision decide(List<PullPolicy> servicePolicies, RunnerConfig config) {
    List<PullPolicy> runner = config.pullPolicies().isEmpty() ? List.of(PullPolicy.ALWAYS) : config.pullPolicies();
    Source source;
    List<PullPolicy> requested;
    if (!servicePolicies.isEmpty()) {
      requested = servicePolicies;
      source = Source.PIPELINE;
    } else {
      requested = runner;
      source = config.pullPolicies().isEmpty() ? Source.RUNNER_DEFAULT : Source.RUNNER;
    }
    List<PullPolicy> allowed = config.allowedPullPolicies().isEmpty() ? runner : config.allowedPullPolicies();
    List<PullPolicy> effective = new ArrayList<>();
    for (PullPolicy p : requested) {
      if (allowed.contains(p)) {
        effective.add(p);
      }
    }
    return new PullPolicyDecision(requested, source, allowed, effective);
  }

  /** Whether at least one requested policy is allowed. */
  public boolean isAllowed() {
    return !effective.isEmpty();
  }

  /**
   * GitLab's error when none is allowed: {@code invalid pull policy for image "<image>": pull_policy
   * ([...]) defined in <source> is not one of the allowed_pull_policies ([...])}.
   */
  public Optional<String> error(String pullImageName) {
    if (isAllowed()) {
      return Optional.empty();
    }
    return Optional.of("invalid pull policy for image \"" + pullImageName + "\": pull_policy ("
        + PullPolicy.format(requested) + ") defined in " + source.text()
        + " is not one of the allowed_pull_policies (" + PullPolicy.format(allowed) + ")");
  }

  /** The runner's log line: {@code Using effective pull policy of [always] for container <image>}. */
  public String effectivePolicyLine(String pullImageName) {
    return "Using effective pull policy of " + PullPolicy.format(effective) + " for container " + pullImageName;
  }
}
