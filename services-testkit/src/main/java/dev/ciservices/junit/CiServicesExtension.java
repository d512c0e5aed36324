package dev.ciservices.junit;

import dev.ciservices.RunnerConfig;
import dev.ciservices.JobSpec;
import dev.ciservices.RunningServices;
import dev.ciservices.ServiceListener;
import dev.ciservices.junit.CiServices.Lifecycle;
import dev.ciservices.junit.internal.ServicesExtension;
import java.lang.reflect.Method;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

/**
 * Starts a {@link JobSpec}'s services for the tests of the class that registers it in a field
 * annotated with {@code @RegisterExtension}: once per class in a static field, once per test method in
 * an instance field (unless {@link #withLifecycle} says otherwise).
 *
 * <pre>
 * &#64;RegisterExtension
 * static CiServicesExtension services = CiServicesExtension.forJob(JobSpec.builder()
 *     .service(ServiceSpec.builder("postgres:15").alias("db").ports(5432).build())
 *     .variable("POSTGRES_PASSWORD", "pw")
 *     .build());
 *
 * &#64;Test
 * void connects(&#64;ServiceAlias("db") ServiceHandle db) { ... db.port(5432) ... }
 * </pre>
 *
 * <p>Behaves as {@link CiServices} does (skipped or failed without an engine, services ready before
 * the first test, {@link ServiceAlias} injection). Immutable: each {@code withX} method returns a
 * copy. Thread-safe.
 */
public final class CiServicesExtension implements ExecutionCondition, BeforeAllCallback, BeforeEachCallback,
    AfterEachCallback, AfterAllCallback, ParameterResolver, InvocationInterceptor {
  private final JobSpec job;
  private final @Nullable Lifecycle lifecycle;
  private final @Nullable RunnerConfig config;
  private final boolean keepOnFailure;
  private final boolean logs;
  private final ServiceListener listener;
  private final ServicesExtension delegate;

  private CiServicesExtension(JobSpec job, @Nullable Lifecycle lifecycle, @Nullable RunnerConfig config,
      boolean keepOnFailure, boolean logs, ServiceListener listener) {
    this.job = job;
    this.lifecycle = lifecycle;
    this.config = config;
    this.keepOnFailure = keepOnFailure;
    this.logs = logs;
    this.listener = listener;
    this.delegate = ServicesExtension.forJob(job, lifecycle, config, keepOnFailure, logs, listener);
  }

  /** An extension that starts this job's services, with a runner for tests ({@code if-not-present}). */
  public static CiServicesExtension forJob(JobSpec job) {
    return new CiServicesExtension(Objects.requireNonNull(job, "job"), null, null, false, false, ServiceListener.NONE);
  }

  /** A copy with this lifecycle, whatever kind of field holds it. */
  public CiServicesExtension withLifecycle(Lifecycle lifecycle) {
    return new CiServicesExtension(job, Objects.requireNonNull(lifecycle, "lifecycle"), config, keepOnFailure, logs,
        listener);
  }

  /**
   * A copy that uses this runner configuration instead of the default for tests (pull policy {@code
   * if-not-present}, every pull policy allowed, 30 s to be ready).
   */
  public CiServicesExtension withRunnerConfig(RunnerConfig config) {
    return new CiServicesExtension(job, lifecycle, Objects.requireNonNull(config, "config"), keepOnFailure, logs,
        listener);
  }

  /** A copy that keeps the containers when they fail to start; see {@link CiServices#keepOnFailure()}. */
  public CiServicesExtension withKeepOnFailure(boolean keepOnFailure) {
    return new CiServicesExtension(job, lifecycle, config, keepOnFailure, logs, listener);
  }

  /** A copy that routes service logs to SLF4J; see {@link CiServices#logs()}. */
  public CiServicesExtension withLogs(boolean logs) {
    return new CiServicesExtension(job, lifecycle, config, keepOnFailure, logs, listener);
  }

  /** A copy whose starts also send their GitLab-style trace to this listener, from backend threads. */
  public CiServicesExtension withListener(ServiceListener listener) {
    return new CiServicesExtension(job, lifecycle, config, keepOnFailure, logs,
        Objects.requireNonNull(listener, "listener"));
  }

  /**
   * The service that answers to a hostname, among the services this extension started for the test
   * (or {@code @BeforeEach}, {@code @AfterAll}... method) the calling thread runs: under parallel
   * execution, each test sees its own.
   *
   * @throws IllegalStateException when none are running for it (or it is called from another thread)
   * @throws IllegalArgumentException naming the hostnames there are
   */
  public ServiceHandle service(String hostname) {
    return delegate.service(hostname);
  }

  /**
   * The services this extension started for the test (or lifecycle method) the calling thread runs.
   *
   * @throws IllegalStateException when none are running for it (or it is called from another thread)
   */
  public RunningServices running() {
    return delegate.running();
  }

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    return delegate.evaluateExecutionCondition(context);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    delegate.beforeAll(context);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    delegate.beforeEach(context);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    delegate.afterEach(context);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    delegate.afterAll(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    return delegate.supportsParameter(parameterContext, extensionContext);
  }

  @Override
  public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    return delegate.resolveParameter(parameterContext, extensionContext);
  }

  @Override
  public void interceptBeforeAllMethod(Invocation<Void> invocation,
      ReflectiveInvocationContext<Method> invocationContext, ExtensionContext context) throws Throwable {
    delegate.interceptBeforeAllMethod(invocation, invocationContext, context);
  }

  @Override
  public void interceptBeforeEachMethod(Invocation<Void> invocation,
      ReflectiveInvocationContext<Method> invocationContext, ExtensionContext context) throws Throwable {
    delegate.interceptBeforeEachMethod(invocation, invocationContext, context);
  }

  @Override
  public void interceptAfterEachMethod(Invocation<Void> invocation,
      ReflectiveInvocationContext<Method> invocationContext, ExtensionContext context) throws Throwable {
    delegate.interceptAfterEachMethod(invocation, invocationContext, context);
  }

  @Override
  public void interceptAfterAllMethod(Invocation<Void> invocation,
      ReflectiveInvocationContext<Method> invocationContext, ExtensionContext context) throws Throwable {
    delegate.interceptAfterAllMethod(invocation, invocationContext, context);
  }

  @Override
  public void interceptTestMethod(Invocation<Void> invocation,
      ReflectiveInvocationContext<Method> invocationContext, ExtensionContext context) throws Throwable {
    delegate.interceptTestMethod(invocation, invocationContext, context);
  }

  @Override
  public void interceptTestTemplateMethod(Invocation<Void> invocation,
      ReflectiveInvocationContext<Method> invocationContext, ExtensionContext context) throws Throwable {
    delegate.interceptTestTemplateMethod(invocation, invocationContext, context);
  }

  @Override
  public <T> T interceptTestFactoryMethod(Invocation<T> invocation,
      ReflectiveInvocationContext<Method> invocationContext, ExtensionContext context) throws Throwable {
    return delegate.interceptTestFactoryMethod(invocation, invocationContext, context);
  }

  @Override
  public String toString() {
    return "CiServicesExtension.forJob(" + job + ")";
  }
}
