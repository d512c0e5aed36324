package dev.ciservices.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** Runs {@link Inner} test classes with the Jupiter engine, as a build tool would, and returns the events. */
final class Kit {
  /** The configuration parameter that enables {@link Inner} classes. */
  static final String INNER = "ciservices.testkit.inner";

  private Kit() {}

  /** Runs the classes one after the other. */
  static EngineExecutionResults run(Class<?>... classes) {
    return run(Map.of(), classes);
  }

  /** Runs the classes with extra configuration parameters. */
  static EngineExecutionResults run(Map<String, String> parameters, Class<?>... classes) {
    return EngineTestKit.engine("junit-jupiter")
        .configurationParameter(INNER, "true")
        .configurationParameter("ciservices.junit.failWithoutEngine", "true")
        .configurationParameters(parameters)
        .selectors(Arrays.stream(classes).map(c -> selectClass(c)).toArray(org.junit.platform.engine.DiscoverySelector[]::new))
        .execute();
  }

  /** Fails with every failure's stack trace when any test or class of the run failed. */
  static void assertNoFailures(EngineExecutionResults results) {
    List<String> failures = results.allEvents().failed().stream().map(e -> e.getTestDescriptor().getDisplayName() + ": "
        + stackTrace(e.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow())).toList();
    if (!failures.isEmpty()) {
      throw new AssertionError(failures.size() + " failed:\n" + String.join("\n", failures));
    }
  }

  private static String stackTrace(Throwable t) {
    java.io.StringWriter out = new java.io.StringWriter();
    t.printStackTrace(new java.io.PrintWriter(out));
    return out.toString();
  }

  /** The one failure of a run, a test's or a class's; fails when there is not exactly one. */
  static Throwable onlyFailure(EngineExecutionResults results) {
    List<Throwable> failures = results.allEvents().failed().stream()
        .map(e -> e.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow()).toList();
    if (failures.size() != 1) {
      throw new AssertionError("expected one failure, got " + failures.size() + ": " + failures);
    }
    return failures.get(0);
  }

  /** Runs the classes in parallel: classes and methods concurrently, on four threads. */
  static EngineExecutionResults parallel(Class<?>... classes) {
    return run(Map.of(
        "junit.jupiter.execution.parallel.enabled", "true",
        "junit.jupiter.execution.parallel.mode.default", "concurrent",
        "junit.jupiter.execution.parallel.mode.classes.default", "concurrent",
        "junit.jupiter.execution.parallel.config.strategy", "fixed",
        "junit.jupiter.execution.parallel.config.fixed.parallelism", "4",
        "junit.jupiter.execution.parallel.config.fixed.max-pool-size", "8"), classes);
  }
}
