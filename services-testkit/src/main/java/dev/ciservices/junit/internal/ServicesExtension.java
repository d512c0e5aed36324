package dev.ciservices.junit.internal;

import dev.ciservices.RunnerConfig;
import dev.ciservices.JobSpec;
import dev.ciservices.RunningService;
import dev.ciservices.RunningServices;
import dev.ciservices.ServiceListener;
import dev.ciservices.junit.CiServices;
import dev.ciservices.junit.CiServices.Lifecycle;
import dev.ciservices.junit.ServiceAlias;
import dev.ciservices.junit.ServiceHandle;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ExtensionContext.Store;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.ModifierSupport;

/**
 * The extension behind the public annotations and {@code CiServicesExtension}: skips or fails classes without an engine, starts each scope's services (per class
 * in {@code beforeAll}, per method in {@code beforeEach}, shared through the root store), and injects
 * {@link ServiceHandle}s into fields and parameters.
 *
 * <p>All state is in {@link Store}s under {@link #NAMESPACE}: a context's {@link Scope} (closed by
 * JUnit when the context ends), the head of its scope chain, the per-method definitions waiting for
 * each test, and which extension claimed a class. The only other state is which context the current
 * thread's intercepted invocation runs in, set for that invocation alone, so that {@link #service}
 * and {@link #running} called from a test find that test's services, also under parallel execution.
 * Several instances cooperate (an enclosing class's
 * and a {@code @Nested} class's, a class's and an instance field's): each injects only where the
 * nearest scope is its own, so that exactly one parameter resolver answers.
 */
public final class ServicesExtension implements ExecutionCondition, BeforeAllCallback, BeforeEachCallback,
    AfterEachCallback, AfterAllCallback, ParameterResolver, InvocationInterceptor {
  /** The one namespace of all ci-services state. */
  public static final Namespace NAMESPACE = Namespace.create(CiServices.class);

  private static final Object HEAD = Head.class;
  private static final Object PENDING = Pending.class;
  private static final Object CLAIM = Claim.class;

  /** The nearest scope of a context; not closeable, so replacing it closes nothing. */
  private record Head(Scope scope) {}

  /** A per-method definition registered by a class, started before each of its tests. */
  private record Pending(Definition definition, Object owner, @Nullable Pending parent) {}

  /** Which extension declared a class's services, to refuse a second one. */
  private record Claim(Object owner, String declaredBy, String contextId) {}

  /** A unique key for each scope in a store. */
  private static final class ScopeKey {}

  /** Where an extension's definitions come from. */
  interface Source {
    /** What to start for a class; empty when it starts nothing itself. */
    Optional<Definition> forClass(ExtensionContext context, ServicesExtension owner);

    /** What to start for a test method besides per-method definitions of its class; usually nothing. */
    Optional<Definition> forMethod(ExtensionContext context, ServicesExtension owner);

    /** How the source declares services, for messages: {@code @Service annotations}. */
    String declaredBy();
  }

  /** The context of the invocation (test, lifecycle method) the current thread runs, while it runs. */
  private static final ThreadLocal<@Nullable ExtensionContext> INVOCATION = new ThreadLocal<>();

  private final Source source;

  private ServicesExtension(Source source) {
    this.source = source;
  }

  /** The extension the annotations ({@code @CiServices}, {@code @Service}, ...) register. */
  public static ServicesExtension declared() {
    return new ServicesExtension(new DeclaredSource());
  }

  /**
   * An extension for a job registered with {@code @RegisterExtension}.
   *
   * @param lifecycle null: per class in a static field, per method in an instance field
   * @param config null: a runner for tests ({@code if-not-present}, every pull policy allowed)
   */
  public static ServicesExtension forJob(JobSpec job, @Nullable Lifecycle lifecycle, @Nullable RunnerConfig config,
      boolean keepOnFailure, boolean logs, ServiceListener listener) {
    return new ServicesExtension(new ProgrammaticSource(job, lifecycle, config, keepOnFailure, logs, listener));
  }

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    return Backend.of(context).evaluate(context);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    Backend.of(context).require();
    if (source instanceof DeclaredSource && SpringTests.startServices(context.getRequiredTestClass())) {
      SpringTests.refuseServiceAliasFields(context.getRequiredTestClass(),
          AnnotationSupport.findAnnotatedFields(context.getRequiredTestClass(), ServiceAlias.class));
      return;
    }
    Optional<Definition> found = source.forClass(context, this);
    if (found.isPresent()) {
      Definition definition = found.get();
      claim(context);
      switch (definition.lifecycle()) {
        case PER_CLASS -> publish(context, Scope.owned(this, head(context), Starter.start(context, definition),
            definition));
        case SHARED -> publish(context, Scope.shared(this, head(context), SharedServices.of(context, definition),
            definition));
        case PER_METHOD -> store(context).put(PENDING, new Pending(definition, this, pending(context)));
      }
    }
    if (injects(context)) {
      Class<?> testClass = context.getRequiredTestClass();
      for (Field field : AnnotationSupport.findAnnotatedFields(testClass, ServiceAlias.class, ModifierSupport::isStatic)) {
        inject(context, field, null);
      }
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    List<Pending> mine = new ArrayList<>();
    for (Pending p = pending(context); p != null; p = p.parent()) {
      if (p.owner() == this) {
        mine.add(p);
      }
    }
    Collections.reverse(mine);
    for (Pending p : mine) {
      publish(context, Scope.owned(this, head(context), Starter.start(context, p.definition()), p.definition()));
    }
    source.forMethod(context, this).ifPresent(definition -> publish(context, definition.lifecycle() == Lifecycle.SHARED
        ? Scope.shared(this, head(context), SharedServices.of(context, definition), definition)
        : Scope.owned(this, head(context), Starter.start(context, definition), definition)));
  }

  /** A failed test keeps the services it saw, where their declaration says so. */
  @Override
  public void afterEach(ExtensionContext context) {
    if (context.getExecutionException().isPresent()) {
      markFailed(context);
    }
  }

  /** A failed class (a lifecycle method, or a class-level failure) keeps its services likewise. */
  @Override
  public void afterAll(ExtensionContext context) {
    if (context.getExecutionException().isPresent()) {
      markFailed(context);
    }
  }

  private void markFailed(ExtensionContext context) {
    Scope head = head(context);
    if (head != null) {
      head.chain().stream().filter(s -> s.owner() == this).forEach(Scope::markFailed);
    }
  }

  @Override
  public void interceptBeforeAllMethod(Invocation<Void> invocation,
      ReflectiveInvocationContext<Method> invocationContext, ExtensionContext context) throws Throwable {
    injectInstanceFields(context);
    proceed(invocation, context);
  }

  @Override
  public void interceptAfterEachMethod(Invocation<Void> invocation,
      ReflectiveInvocationContext<Method> invocationContext, ExtensionContext context) throws Throwable {
    proceed(invocation, context);
  }

  @Override
  public void interceptAfterAllMethod(Invocation<Void> invocation,
      ReflectiveInvocationContext<Method> invocationContext, ExtensionContext context) throws Throwable {
    proceed(invocation, context);
  }

  @Override
  public void interceptBeforeEachMethod(Invocation<Void> invocation,
      ReflectiveInvocationContext<Method> invocationContext, ExtensionContext context) throws Throwable {
    injectInstanceFields(context);
    proceed(invocation, context);
  }

  @Override
  public void interceptTestMethod(Invocation<Void> invocation,
      ReflectiveInvocationContext<Method> invocationContext, ExtensionContext context) throws Throwable {
    injectInstanceFields(context);
    proceed(invocation, context);
  }

  @Override
  public void interceptTestTemplateMethod(Invocation<Void> invocation,
      ReflectiveInvocationContext<Method> invocationContext, ExtensionContext context) throws Throwable {
    injectInstanceFields(context);
    proceed(invocation, context);
  }

  @Override
  public <T> T interceptTestFactoryMethod(Invocation<T> invocation,
      ReflectiveInvocationContext<Method> invocationContext, ExtensionContext context) throws Throwable {
    injectInstanceFields(context);
    @Nullable ExtensionContext outer = INVOCATION.get();
    INVOCATION.set(context);
    try {
      return invocation.proceed();
    } finally {
      restore(outer);
    }
  }

  private static void proceed(Invocation<Void> invocation, ExtensionContext context) throws Throwable {
    @Nullable ExtensionContext outer = INVOCATION.get();
    INVOCATION.set(context);
    try {
      invocation.proceed();
    } finally {
      restore(outer);
    }
  }

  private static void restore(@Nullable ExtensionContext outer) {
    if (outer == null) {
      INVOCATION.remove();
    } else {
      INVOCATION.set(outer);
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    return Injection.injectable(parameterContext.getParameter().getType(), parameterContext.isAnnotated(ServiceAlias.class))
        && injects(extensionContext)
        && !(source instanceof DeclaredSource && SpringTests.startServices(extensionContext.getRequiredTestClass()));
  }

  @Override
  public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    Pending pending = pending(extensionContext);
    return Injection.resolve(head(extensionContext), pending == null ? null : Lifecycle.PER_METHOD,
        parameterContext.getParameter().getType(), parameterContext.findAnnotation(ServiceAlias.class).orElse(null),
        Injection.describe(parameterContext.getParameter(), parameterContext.getDeclaringExecutable()),
        ParameterResolutionException::new);
  }

  /**
   * The handle of the service that answers to a hostname, in the nearest scope this extension started
   * for the test (or lifecycle method) the calling thread runs.
   *
   * @throws IllegalStateException when it has started none for it
   * @throws IllegalArgumentException naming the hostnames there are
   */
  public ServiceHandle service(String hostname) {
    Scope scope = requireCurrent();
    RunningService service = scope.find(hostname).orElseThrow(() -> new IllegalArgumentException(
        "No service answers to " + Declarations.quote(hostname) + "; the hostnames are "
            + scope.all().stream().map(s -> s.hostnames() + " of " + s.plan().name()).toList()));
    return scope.handle(service);
  }

  /**
   * The services this extension started for the test (or lifecycle method) the calling thread runs.
   *
   * @throws IllegalStateException when it has started none for it
   */
  public RunningServices running() {
    return requireCurrent().running();
  }

  private Scope requireCurrent() {
    @Nullable ExtensionContext context = INVOCATION.get();
    Scope head = context == null ? null : head(context);
    Scope scope = head == null ? null : head.chain().stream().filter(s -> s.owner() == this).findFirst().orElse(null);
    if (scope == null) {
      throw new IllegalStateException("The services of " + source.declaredBy() + " are not running; ask for them in a"
          + " test, or in a @BeforeEach or @BeforeAll method of the class that registers the extension");
    }
    return scope;
  }

  /** Whether this extension injects in the context: the nearest scope (or pending definition) is its own. */
  private boolean injects(ExtensionContext context) {
    Scope head = head(context);
    if (head != null) {
      return head.owner() == this;
    }
    Pending pending = pending(context);
    return pending == null || pending.owner() == this;
  }

  private void injectInstanceFields(ExtensionContext context) {
    if (!injects(context) || context.getTestInstances().isEmpty()) {
      return;
    }
    for (Object instance : context.getTestInstances().get().getAllInstances()) {
      for (Field field : AnnotationSupport.findAnnotatedFields(instance.getClass(), ServiceAlias.class,
          ModifierSupport::isNotStatic)) {
        inject(context, field, instance);
      }
    }
  }

  private void inject(ExtensionContext context, Field field, @Nullable Object instance) {
    String member = Injection.describe(field);
    Scope scope = head(context);
    Pending pending = pending(context);
    if (scope == null && pending != null && instance == null) {
      throw new ExtensionConfigurationException("[" + member + "] cannot receive a service: with lifecycle PER_METHOD"
          + " services start before each test method; make it an instance field, or use PER_CLASS or SHARED");
    }
    Object value = Injection.resolve(scope, pending == null ? null : Lifecycle.PER_METHOD, field.getType(),
        field.getAnnotation(ServiceAlias.class), member, ExtensionConfigurationException::new);
    Injection.set(field, instance, value, member);
  }

  private void claim(ExtensionContext context) {
    Store store = store(context);
    Claim existing = store.get(CLAIM, Claim.class);
    if (existing != null && existing.contextId().equals(context.getUniqueId()) && existing.owner() != this) {
      throw new ExtensionConfigurationException("[" + Declarations.name(context.getRequiredTestClass())
          + "] declares services twice, with " + existing.declaredBy() + " and with " + source.declaredBy()
          + "; declare them in one place, since a class's services start together");
    }
    store.put(CLAIM, new Claim(this, source.declaredBy(), context.getUniqueId()));
  }

  private void publish(ExtensionContext context, Scope scope) {
    Store store = store(context);
    store.put(new ScopeKey(), scope);
    store.put(HEAD, new Head(scope));
  }

  /** Whether a scope or per-method definition of this extension is visible from the context. */
  boolean started(ExtensionContext context) {
    Scope head = head(context);
    if (head != null && head.ownedBy(this)) {
      return true;
    }
    for (Pending p = pending(context); p != null; p = p.parent()) {
      if (p.owner() == this) {
        return true;
      }
    }
    return false;
  }

  private static @Nullable Scope head(ExtensionContext context) {
    Head head = store(context).get(HEAD, Head.class);
    return head == null ? null : head.scope();
  }

  private static @Nullable Pending pending(ExtensionContext context) {
    return store(context).get(PENDING, Pending.class);
  }

  private static Store store(ExtensionContext context) {
    return context.getStore(NAMESPACE);
  }

  /** Services declared with annotations on the test class. */
  static final class DeclaredSource implements Source {
    @Override
    public Optional<Definition> forClass(ExtensionContext context, ServicesExtension owner) {
      Class<?> testClass = context.getRequiredTestClass();
      if (Declarations.declares(testClass)) {
        return Optional.of(Declarations.of(testClass));
      }
      if (Declarations.enclosing(testClass) != null && (head(context) != null || pending(context) != null)) {
        return Optional.empty();
      }
      throw new ExtensionConfigurationException("[@CiServices] on " + Declarations.name(testClass)
          + " declares no services; add @Service(name = \"...\") or @GitLabCiServices(job = \"...\") to the class"
          + " or to one of its annotations,"
          + " or register CiServicesExtension.forJob(...) instead");
    }

    @Override
    public Optional<Definition> forMethod(ExtensionContext context, ServicesExtension owner) {
      return Optional.empty();
    }

    @Override
    public String declaredBy() {
      return "@Service annotations";
    }
  }

  /** Services given as a {@link JobSpec} to {@code CiServicesExtension.forJob}. */
  private record ProgrammaticSource(JobSpec job, @Nullable Lifecycle lifecycle, @Nullable RunnerConfig config,
      boolean keepOnFailure, boolean logs, ServiceListener listener) implements Source {

    @Override
    public Optional<Definition> forClass(ExtensionContext context, ServicesExtension owner) {
      return owner.started(context) ? Optional.empty()
          : Optional.of(define(context, lifecycle == null ? Lifecycle.PER_CLASS : lifecycle));
    }

    @Override
    public Optional<Definition> forMethod(ExtensionContext context, ServicesExtension owner) {
      return owner.started(context) ? Optional.empty()
          : Optional.of(define(context, lifecycle == Lifecycle.SHARED ? Lifecycle.SHARED : Lifecycle.PER_METHOD));
    }

    @Override
    public String declaredBy() {
      return "CiServicesExtension.forJob(...)";
    }

    private Definition define(ExtensionContext context, Lifecycle effective) {
      String where = declaredBy() + " in " + Declarations.name(context.getRequiredTestClass());
      JobSpec effectiveJob = logs ? job.toBuilder().debugServices(true).build() : job;
      return new Definition(effectiveJob, config != null ? config : Definition.testRunner().build(), effective,
          keepOnFailure, logs, listener, Origins.ofJob(job, where), where);
    }
  }
}
