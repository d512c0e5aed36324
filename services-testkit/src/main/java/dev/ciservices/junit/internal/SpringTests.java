package dev.ciservices.junit.internal;

import java.lang.reflect.Field;
import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Test classes whose services {@code services-spring} starts with their Spring application context
 * (so that they live as long as Spring's context cache keeps it): classes run by Spring's JUnit
 * extension, {@code @SpringBootTest} among them, when services-spring is on the class path. This
 * extension then starts nothing for them.
 */
final class SpringTests {
  private static final String SPRING_EXTENSION = "org.springframework.test.context.junit.jupiter.SpringExtension";
  private static final String SERVICES_SPRING = "dev.ciservices.spring.CiServicesContextCustomizerFactory";

  private SpringTests() {}

  /** Whether services-spring starts the services of this class (or of the class that encloses it). */
  static boolean startServices(Class<?> testClass) {
    if (!present(testClass)) {
      return false;
    }
    for (Class<?> c = testClass; c != null; c = Declarations.enclosing(c)) {
      List<ExtendWith> extensions = AnnotationSupport.findRepeatableAnnotations(c, ExtendWith.class);
      if (extensions.stream().flatMap(e -> java.util.Arrays.stream(e.value()))
          .anyMatch(e -> e.getName().equals(SPRING_EXTENSION))) {
        return true;
      }
    }
    return false;
  }

  /** Refuses {@code @ServiceAlias} fields in such a class: Spring injects there. */
  static void refuseServiceAliasFields(Class<?> testClass, List<Field> fields) {
    if (!fields.isEmpty()) {
      throw new ExtensionConfigurationException("[" + Injection.describe(fields.get(0)) + "] cannot receive a service:"
          + " the services of " + Declarations.name(testClass) + " start with its Spring application context"
          + " (services-spring); use @Autowired RunningServices, or the ConnectionDetails beans Spring Boot reads");
    }
  }

  private static boolean present(Class<?> testClass) {
    try {
      Class.forName(SERVICES_SPRING, false, testClass.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
