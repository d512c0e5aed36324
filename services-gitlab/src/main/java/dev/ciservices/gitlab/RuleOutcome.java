package dev.ciservices.gitlab;

import dev.ciservices.Variable;
import java.util.List;

/**
 * What a job's {@code rules} (after {@code workflow: rules}) decide for the variables at hand:
 * whether and how the job would run in GitLab, why, and the variables the matching rules add.
 *
 * @param when {@code on_success}, {@code manual}, {@code always}, {@code delayed}, {@code
 *     on_failure} or {@code never}
 * @param reason which rule matched, or that none did, e.g. {@code rules[1] matched: if: $CI_COMMIT_BRANCH
 *     == "main"}
 * @param variables the variables of the matching {@code workflow} rule (those the job does not set
 *     itself) and of the job's matching rule, to add after the job's own
 */
public record RuleOutcome(String when, String reason, List<Variable> variables) {
  /** Copies the list. */
  public RuleOutcome {
    variables = List.copyOf(variables);
  }

  /** Whether GitLab would add the job to the pipeline. */
  public boolean runs() {
    return !when.equals("never");
  }
}
