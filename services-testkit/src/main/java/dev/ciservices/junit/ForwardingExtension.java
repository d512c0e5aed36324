package dev.ciservices.junit;

import dev.ciservices.junit.internal.ServicesExtension;
import java.lang.reflect.Method;
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
 * Hands every JUnit callback to a {@link ServicesExtension}: what the annotations' extension and
 * {@link CiServicesExtension} have in common. Holds no state of its own.
 */
abstract class ForwardingExtension implements ExecutionCondition, BeforeAllCallback, BeforeEachCallback,
    AfterEachCallback, AfterAllCallback, ParameterResolver, InvocationInterceptor {
  final ServicesExtension delegate;

  ForwardingExtension(ServicesExtension delegate) {
    this.delegate = delegate;
  }

  @Override
  public final ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    return delegate.evaluateExecutionCondition(context);
  }

  @Override
  public final void beforeAll(ExtensionContext context) {
    delegate.beforeAll(context);
  }

  @Override
  public final void beforeEach(ExtensionContext context) {
    delegate.beforeEach(context);
  }

  @Override
  public final void afterEach(ExtensionContext context) {
    delegate.afterEach(context);
  }

  @Override
  public final void afterAll(ExtensionContext context) {
    delegate.afterAll(context);
  }

  @Override
  public final boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    return delegate.supportsParameter(parameterContext, extensionContext);
  }

  @Override
  public final Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    return delegate.resolveParameter(parameterContext, extensionContext);
  }

  @Override
  public final void interceptBeforeAllMethod(Invocation<Void> invocation,
      ReflectiveInvocationContext<Method> invocationContext, ExtensionContext context) throws Throwable {
    delegate.interceptBeforeAllMethod(invocation, invocationContext, context);
  }

  @Override
  public final void interceptBeforeEachMethod(Invocation<Void> invocation,
      ReflectiveInvocationContext<Method> invocationContext, ExtensionContext context) throws Throwable {
    delegate.interceptBeforeEachMethod(invocation, invocationContext, context);
  }

  @Override
  public final void interceptAfterEachMethod(Invocation<Void> invocation,
      ReflectiveInvocationContext<Method> invocationContext, ExtensionContext context) throws Throwable {
    delegate.interceptAfterEachMethod(invocation, invocationContext, context);
  }

  @Override
  public final void interceptAfterAllMethod(Invocation<Void> invocation,
      ReflectiveInvocationContext<Method> invocationContext, ExtensionContext context) throws Throwable {
    delegate.interceptAfterAllMethod(invocation, invocationContext, context);
  }

  @Override
  public final void interceptTestMethod(Invocation<Void> invocation,
      ReflectiveInvocationContext<Method> invocationContext, ExtensionContext context) throws Throwable {
    delegate.interceptTestMethod(invocation, invocationContext, context);
  }

  @Override
  public final void interceptTestTemplateMethod(Invocation<Void> invocation,
      ReflectiveInvocationContext<Method> invocationContext, ExtensionContext context) throws Throwable {
    delegate.interceptTestTemplateMethod(invocation, invocationContext, context);
  }

  @Override
  public final <T> T interceptTestFactoryMethod(Invocation<T> invocation,
      ReflectiveInvocationContext<Method> invocationContext, ExtensionContext context) throws Throwable {
    return delegate.interceptTestFactoryMethod(invocation, invocationContext, context);
  }
}
