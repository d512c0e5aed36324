package dev.ciservices.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Injects the running service that answers to a hostname into a field or parameter of type {@link
 * ServiceHandle} (or {@link dev.ciservices.RunningService}).
 *
 * <p>The hostname is any of the service's: a default alias ({@code postgres} for {@code postgres:15})
 * or a user alias. Static fields are set before {@code @BeforeAll} methods, instance fields before
 * {@code @BeforeEach} methods; neither may be final. A parameter of type {@code ServiceHandle} needs
 * no annotation when exactly one service is running.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ServiceAlias {

  /** A hostname of the service, e.g. {@code db}. */
  String value();
}
