package dev.ciservices.kubernetes.internal;

import dev.ciservices.AliasPolicy;
import dev.ciservices.ContainerPlan;
import dev.ciservices.HealthCheckRule;
import dev.ciservices.JobPlan;
import dev.ciservices.PullPolicyDecision;
import dev.ciservices.ServicePlan;
import dev.ciservices.Variable;
import dev.ciservices.internal.Names;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The few values the pod needs that the plan does not carry yet, each read from the plan in one
 * place (to be replaced by the plan's own accessors as it grows).
 */
final class PlanValues {
  private PlanValues() {}

  /** The runner's {@code ProjectUniqueName}: the builds volume's name without {@code -<instance>-builds}. */
  static String projectUniqueName(JobPlan plan) {
    String volume = plan.buildsVolume();
    String suffix = "-" + plan.instanceId() + "-builds";
    return volume.endsWith(suffix) ? volume.substring(0, volume.length() - suffix.length()) : volume;
  }

  /** The runner token shortened as the runner does, for {@code manager.runner.gitlab.com/id-short}. */
  static String shortToken(JobPlan plan) {
    return Names.shortenToken(plan.config().runnerToken());
  }

  /**
   * The job image's pull policies, as the build and helper containers get them: the planned job
   * container's, or for services alone the runner's.
   */
  static PullPolicyDecision jobPullPolicy(JobPlan plan) {
    return plan.jobContainer().map(ContainerPlan::pullPolicy)
        .orElseGet(() -> PullPolicyDecision.decide(List.of(), plan.config()));
  }

  /** The job's timeout. */
  static Duration jobTimeout(JobPlan plan) {
    return plan.timeout();
  }

  /**
   * The Kubernetes executor's health-check port of a service: the raw value of {@code
   * HEALTHCHECK_TCP_PORT} among the service's own variables, exact key; none means no check.
   */
  static Optional<String> kubernetesHealthCheckPort(ServicePlan service) {
    return service.spec().variables().stream().filter(v -> v.key().equals(HealthCheckRule.VARIABLE))
        .map(Variable::value).reduce((first, last) -> last);
  }

  /** The host aliases of a service: its valid default aliases, then its user aliases. */
  static List<String> kubernetesHostAliases(ServicePlan service) {
    return AliasPolicy.kubernetesHostAliases(service.name(), service.userAliases());
  }

  /** A job variable's value, if the plan has it. */
  static Optional<String> variable(JobPlan plan, String key) {
    return plan.jobVariables().stream().filter(v -> v.key().equals(key)).map(Variable::value).reduce((a, b) -> b);
  }
}
