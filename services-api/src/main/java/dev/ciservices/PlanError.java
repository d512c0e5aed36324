package dev.ciservices;

import java.util.List;
import java.util.Optional;

/**
 * A reason the job cannot start, found while planning.
 *
 * @param field the path of the offending field, e.g. {@code services[1].name} or {@code
 *     config.services[0].alias}
 * @param value the offending value (expanded)
 * @param message GitLab's text where GitLab has one, e.g. {@code invalid service image name: Postgres:14}
 * @param hint how to fix it, if there is an obvious fix
 * @param traceLines lines GitLab prints before failing (the allowed-services listing), if any
 */
public record PlanError(String field, String value, String message, Optional<String> hint, List<String> traceLines) {

  /** Copies the lines. */
  public PlanError {
    traceLines = List.copyOf(traceLines);
  }

  static PlanError of(String field, String value, String message, String hint) {
    return new PlanError(field, value, message, Optional.ofNullable(hint), List.of());
  }

  /** {@code <field> "<value>": <message>; <hint>}: one line that says where, what and how to fix it. */
  public String describe() {
    return field + " \"" + value + "\": " + message + hint.map(h -> "; " + h).orElse("");
  }

  @Override
  public String toString() {
    return describe();
  }
}
