package dev.ciservices.junit.internal;

import dev.ciservices.RunningService;
import dev.ciservices.RunningServices;
import dev.ciservices.details.ConnectionDetails;
import dev.ciservices.junit.CiServices.Lifecycle;
import dev.ciservices.junit.ServiceAlias;
import dev.ciservices.junit.ServiceHandle;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Parameter;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.commons.support.ModifierSupport;

/**
 * Finds what a field or parameter asks for in a {@link Scope}: a {@link ServiceHandle} or {@link
 * RunningService} by hostname, or the nearest {@link RunningServices}. Every mistake is reported
 * with the member in {@code [...]} and the fix.
 */
final class Injection {
  private Injection() {}

  /** Whether a parameter or field of this type, with or without {@link ServiceAlias}, is one to inject. */
  static boolean injectable(Class<?> type, boolean annotated) {
    return annotated || type == ServiceHandle.class || type == RunningService.class || type == RunningServices.class
        || details(type);
  }

  /** Whether the type is connection details, e.g. {@code JdbcDetails}. */
  private static boolean details(Class<?> type) {
    return ConnectionDetails.class.isAssignableFrom(type);
  }

  /**
   * The value for a member.
   *
   * @param scope the nearest scope, null when none runs
   * @param pending the lifecycle that will start services later, if any, for the message
   * @param error makes the exception for a message
   */
  static Object resolve(@Nullable Scope scope, @Nullable Lifecycle pending, Class<?> type,
      @Nullable ServiceAlias alias, String member, Function<String, RuntimeException> error) {
    boolean byAlias = type == ServiceHandle.class || type == RunningService.class || details(type);
    if (!byAlias && !(type == RunningServices.class && alias == null)) {
      throw error.apply("[" + member + "] has @ServiceAlias(" + Declarations.quote(alias == null ? "" : alias.value())
          + ") but is a " + type.getSimpleName() + "; declare it as ServiceHandle,"
          + " RunningService or connection details such as JdbcDetails");
    }
    if (scope == null) {
      throw error.apply("No services are running for [" + member + "]" + (pending == Lifecycle.PER_METHOD
          ? ": with lifecycle PER_METHOD they start before each test method, after the test instance is made;"
              + " inject them into test methods, @BeforeEach methods or instance fields, or use PER_CLASS"
          : "; declare them with @Service or CiServicesExtension.forJob(...)"));
    }
    if (type == RunningServices.class) {
      return scope.running();
    }
    RunningService service;
    if (alias == null) {
      List<RunningService> all = scope.all();
      if (all.size() != 1) {
        throw error.apply("[" + member + "] needs @ServiceAlias to choose one of " + all.size() + " services: "
            + hostnames(all));
      }
      service = all.get(0);
    } else {
      Optional<RunningService> found = scope.find(alias.value());
      if (found.isEmpty()) {
        throw error.apply("No service answers to " + Declarations.quote(alias.value()) + " for [" + member
            + "]; the hostnames are " + hostnames(scope.all()) + ": use one of them in @ServiceAlias");
      }
      service = found.get();
    }
    if (details(type)) {
      try {
        return scope.handle(service).details(type.asSubclass(ConnectionDetails.class));
      } catch (ExtensionConfigurationException e) {
        throw error.apply("[" + member + "] cannot receive them: " + e.getMessage());
      }
    }
    return type == ServiceHandle.class ? scope.handle(service) : service;
  }

  /** Sets a field; refuses final ones. */
  static void set(Field field, @Nullable Object target, Object value, String member) {
    if (ModifierSupport.isFinal(field)) {
      throw new ExtensionConfigurationException("[" + member + "] must not be final to receive @ServiceAlias("
          + Declarations.quote(field.getAnnotation(ServiceAlias.class).value()) + ")");
    }
    try {
      field.setAccessible(true);
      field.set(target, value);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new ExtensionConfigurationException("[" + member + "] cannot be set: " + e, e);
    }
  }

  /** {@code [redis] of redis:7, [postgres, db] of postgres:15}. */
  private static String hostnames(List<RunningService> services) {
    return services.stream().map(s -> s.hostnames() + " of " + s.plan().name()).collect(Collectors.joining(", "));
  }

  /** {@code field ServiceHandle CacheIT.cache} or {@code static field ...}. */
  static String describe(Field field) {
    return (ModifierSupport.isStatic(field) ? "static field " : "field ") + field.getType().getSimpleName() + " "
        + Declarations.name(field.getDeclaringClass()) + "." + field.getName();
  }

  /** {@code parameter ServiceHandle db of CacheIT.test(ServiceHandle)}. */
  static String describe(Parameter parameter, Executable executable) {
    return "parameter " + parameter.getType().getSimpleName() + " " + parameter.getName() + " of "
        + Declarations.name(executable.getDeclaringClass())
        + (executable instanceof Constructor ? "" : "." + executable.getName())
        + Arrays.stream(executable.getParameterTypes()).map(Class::getSimpleName).collect(Collectors.joining(", ", "(", ")"));
  }
}
