package dev.ciservices.junit;

import dev.ciservices.junit.internal.ServicesExtension;
import java.lang.reflect.Method;
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
 * The extension {@link CiServices}, {@link Service}, {@link Services} and {@link GitLabCiServices}
 * register: the services the annotations declare. All its state is in JUnit's store.
 */
final class AnnotatedServicesExtension implements ExecutionCondition, BeforeAllCallback, BeforeEachCallback,
    AfterEachCallback, AfterAllCallback, ParameterResolver, InvocationInterceptor {
  private final ServicesExtension delegate = ServicesExtension.declared();

  /** Called by JUnit. */
  AnnotatedServicesExtension() {}

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

}
