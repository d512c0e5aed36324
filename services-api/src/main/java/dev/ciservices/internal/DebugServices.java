package dev.ciservices.internal;

import dev.ciservices.Variable;
import dev.ciservices.Variables;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The {@code CI_DEBUG_SERVICES} setting: whether service logs stream into the job trace.
 *
 * <p>The accepted values are the documented ones: {@code TRUE}, {@code true}, {@code True} turn it on,
 * {@code FALSE}, {@code false}, {@code False} off; unset or empty means off with no message. Any
 * other value means off and a warning. GitLab Runner also accepts {@code 1 t T 0 f F}; the
 * documentation does not, and the documentation wins here.
 *
 * @param enabled whether service logs are streamed
 * @param warning the settings error to print once near the start of the job, if any
 */
public record DebugServices(boolean enabled, Optional<String> warning) {

  /** The variable's name. */
  public static final String VARIABLE = "CI_DEBUG_SERVICES";

  /** Reads the setting from a job's expanded variables (the last one wins). */
  public static DebugServices from(List<Variable> expandedVariables, boolean debugTraceDisabled) {
    return parse(Variables.lastValue(VARIABLE, expandedVariables), debugTraceDisabled);
  }

  /** Parses a value; {@code debugTraceDisabled} is the runner's {@code debug_trace_disabled}. */
  public static DebugServices parse(@Nullable String value, boolean debugTraceDisabled) {
    if (value == null || value.isEmpty()) {
      return new DebugServices(false, Optional.empty());
    }
    switch (value) {
      case "TRUE": case "true": case "True":
        return debugTraceDisabled
            ? new DebugServices(false, Optional.of(VARIABLE + ": usage is disabled on this Runner"))
            : new DebugServices(true, Optional.empty());
      case "FALSE": case "false": case "False":
        return new DebugServices(false, Optional.empty());
      default:
        return new DebugServices(
            false, Optional.of(VARIABLE + ": expected bool got \"" + value + "\", using default value: false"));
    }
  }
}
