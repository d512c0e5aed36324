package dev.ciservices.junit.internal;

import dev.ciservices.ServiceBackends;
import dev.ciservices.ServicesException;
import dev.ciservices.spi.ServiceBackend;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The run's one connection to a container engine, made when a class first needs it and closed at the
 * end of the run; or, when there is no engine, the reason.
 *
 * <p>The backend is the one named by the configuration parameter (or system property) {@code
 * ciservices.backend}, else the best available one. Without one, classes are skipped with the reason,
 * unless {@code ciservices.junit.failWithoutEngine} is {@code true} (by default: when the environment
 * variable {@code CI} is {@code true}), where they fail with it.
 */
final class Backend implements AutoCloseable {
  /** The configuration parameter that makes a missing engine a failure instead of a skip. */
  static final String FAIL_WITHOUT_ENGINE = "ciservices.junit.failWithoutEngine";

  private final @Nullable ServiceBackend backend;
  private final @Nullable ServicesException failure;

  private Backend(@Nullable ServiceBackend backend, @Nullable ServicesException failure) {
    this.backend = backend;
    this.failure = failure;
  }

  /** The run's backend; connects on the first call, once, whichever thread calls. */
  static Backend of(ExtensionContext context) {
    return context.getRoot().getStore(ServicesExtension.NAMESPACE)
        .getOrComputeIfAbsent(Backend.class, k -> connect(context), Backend.class);
  }

  private static Backend connect(ExtensionContext context) {
    String name = context.getConfigurationParameter(ServiceBackends.PROPERTY).orElse(null);
    try {
      return new Backend(ServiceBackends.open(name), null);
    } catch (ServicesException e) {
      return new Backend(null, e);
    }
  }

  /**
   * Enabled with the backend's name; without one, disabled with the reason, or enabled when that must
   * fail, so that the first start fails with {@link #require()}'s message.
   */
  ConditionEvaluationResult evaluate(ExtensionContext context) {
    if (backend != null) {
      return ConditionEvaluationResult.enabled("ci-services backend: " + backend.name());
    }
    if (failWithoutEngine(context)) {
      return ConditionEvaluationResult.enabled("no container engine: the services' start fails");
    }
    return ConditionEvaluationResult.disabled("No container engine for the services, so the tests are skipped"
        + " (with CI=true, or " + FAIL_WITHOUT_ENGINE + "=true, they fail): " + reason());
  }

  /**
   * The backend.
   *
   * @throws ServicesException saying why there is none
   */
  ServiceBackend require() {
    if (backend == null) {
      throw failure();
    }
    return backend;
  }

  private ServicesException failure() {
    return new ServicesException("No container engine for the services, which fails the tests here (CI=true, or "
        + FAIL_WITHOUT_ENGINE + "=true): " + reason(), failure);
  }

  private String reason() {
    return failure == null ? "" : String.valueOf(failure.getMessage());
  }

  private static boolean failWithoutEngine(ExtensionContext context) {
    return context.getConfigurationParameter(FAIL_WITHOUT_ENGINE, Boolean::parseBoolean)
        .orElse("true".equalsIgnoreCase(System.getenv("CI")));
  }

  @Override
  public void close() {
    if (backend != null) {
      backend.close();
    }
  }
}
