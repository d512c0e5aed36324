package dev.ciservices;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A reason the job cannot start, found while planning: the path of the offending field (e.g. {@code
 * services[1].name} or {@code config.services[0].alias}), the offending value (expanded), GitLab's
 * text where GitLab has one, how to fix it, the lines GitLab prints before failing, and the service
 * it concerns. Immutable.
 */
public final class PlanError {
  private final String field;
  private final String value;
  private final String message;
  private final @Nullable String hint;
  private final List<String> traceLines;
  private final @Nullable ServiceOrigin service;

  PlanError(String field, String value, String message, @Nullable String hint, List<String> traceLines,
      @Nullable ServiceOrigin service) {
    this.field = Objects.requireNonNull(field, "field");
    this.value = Objects.requireNonNull(value, "value");
    this.message = Objects.requireNonNull(message, "message");
    this.hint = hint;
    this.traceLines = List.copyOf(traceLines);
    this.service = service;
  }

  static PlanError of(String field, String value, String message, String hint) {
    return new PlanError(field, value, message, hint, List.of(), null);
  }

  static PlanError of(ServiceOrigin service, String subField, String value, String message, String hint) {
    return new PlanError(service.field() + "." + subField, value, message, hint, List.of(), service);
  }

  /** The path of the offending field, for display, e.g. {@code services[1].name}. */
  public String field() {
    return field;
  }

  /** The offending value, expanded. */
  public String value() {
    return value;
  }

  /** GitLab's text where GitLab has one, e.g. {@code invalid service image name: Postgres:14}. */
  public String message() {
    return message;
  }

  /** How to fix it, if there is an obvious fix. */
  public Optional<String> hint() {
    return Optional.ofNullable(hint);
  }

  /** Lines GitLab prints before failing (the allowed-services listing), if any. */
  public List<String> traceLines() {
    return traceLines;
  }

  /** The service the error is about, when it is about one service. */
  public Optional<ServiceOrigin> service() {
    return Optional.ofNullable(service);
  }

  /** {@code <field> "<value>": <message>; <hint>}: one line that says where, what and how to fix it. */
  public String describe() {
    return field + " \"" + value + "\": " + message + (hint == null ? "" : "; " + hint);
  }

  private List<Object> values() {
    return java.util.Arrays.asList(field, value, message, hint, traceLines, service);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PlanError that && values().equals(that.values());
  }

  @Override
  public int hashCode() {
    return values().hashCode();
  }

  @Override
  public String toString() {
    return describe();
  }
}
