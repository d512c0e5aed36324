package dev.ciservices.spring;

import dev.ciservices.junit.internal.Declarations;
import java.lang.reflect.Modifier;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;

/**
 * Found by Spring's test framework through {@code META-INF/spring.factories}: for a test class that
 * declares services ({@code @Service}, {@code @GitLabCiServices}, directly, through its own
 * annotations or an enclosing class of a {@code @Nested} one), a customizer that starts them with the
 * application context. Classes that declare the same services share one context, and so one start.
 */
public final class CiServicesContextCustomizerFactory implements ContextCustomizerFactory {

  /** Called by Spring. */
  public CiServicesContextCustomizerFactory() {}

  @Override
  public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
      List<ContextConfigurationAttributes> configAttributes) {
    for (Class<?> c = testClass; c != null; c = enclosing(c)) {
      if (Declarations.declares(c)) {
        return new ServicesContextCustomizer(Declarations.of(c));
      }
    }
    return null;
  }

  private static @Nullable Class<?> enclosing(Class<?> c) {
    return c.getEnclosingClass() != null && !Modifier.isStatic(c.getModifiers()) ? c.getEnclosingClass() : null;
  }
}
