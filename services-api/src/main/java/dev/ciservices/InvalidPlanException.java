package dev.ciservices;

import java.util.stream.Collectors;

/** A job was asked to run although its plan has errors; the message lists each with its fix. */
public final class InvalidPlanException extends ServicesException {
  private static final long serialVersionUID = 1L;
  private final transient JobPlan plan;

  /** The exception for a plan with errors. */
  public InvalidPlanException(JobPlan plan) {
    super(plan.mask("job \"" + plan.jobName() + "\" cannot start:" + plan.errors().stream()
        .map(e -> "\n  " + e.describe()).collect(Collectors.joining())));
    this.plan = plan;
  }

  /** The plan, with its {@link JobPlan#errors()}. */
  public JobPlan plan() {
    return plan;
  }
}
