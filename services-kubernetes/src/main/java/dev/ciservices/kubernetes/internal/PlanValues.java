package dev.ciservices.kubernetes.internal;

import dev.ciservices.JobPlan;
import dev.ciservices.Variable;
import java.util.Optional;

/** Reads of the plan's resolved job variables by key, for the pod's labels, annotations and pull secret. */
final class PlanValues {
  private PlanValues() {}

  /** A job variable's value, if the plan has it (the last one of that key, as in the container's environment). */
  static Optional<String> variable(JobPlan plan, String key) {
    return plan.jobVariables().stream().filter(v -> v.key().equals(key)).map(Variable::value).reduce((a, b) -> b);
  }
}
