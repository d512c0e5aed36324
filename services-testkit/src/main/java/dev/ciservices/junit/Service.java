package dev.ciservices.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One item of a test class's {@code services:}, with GitLab's keys, plus the container {@link
 * #ports()} the test reaches from the JVM.
 *
 * <p>The image is {@link #name()}, or {@link #value()} for short: {@code @Service("redis:7")} and
 * {@code @Service(name = "redis:7")} are the same service; give exactly one of the two.
 *
 * <p>Repeatable, and usable as a meta-annotation: a team declares {@code @WithPostgres} once,
 * annotated with {@code @Service(...)}, and puts it on classes. Enables the extension by itself; add
 * {@link CiServices} for options. Found on superclasses (and through meta-annotations that are
 * themselves {@code @Inherited}).
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Repeatable(Services.class)
@ExtendWith(AnnotatedServicesExtension.class)
public @interface Service {

  /**
   * The image, as {@link #name()}: {@code @Service("redis:7")}. Give this or {@code name}, not both.
   */
  String value() default "";

  /**
   * GitLab's {@code name}: the image, e.g. {@code postgres:15}; may refer to job variables. Give this or
   * {@link #value()}, not both.
   */
  String name() default "";

  /** GitLab's {@code alias}: one hostname, or several separated by commas or spaces. */
  String alias() default "";

  /** GitLab's {@code entrypoint}: overrides the image's, one element per token. */
  String[] entrypoint() default {};

  /** GitLab's {@code command}: overrides the image's, one element per token. */
  String[] command() default {};

  /** GitLab's {@code variables} for this service only, {@code KEY=value}. */
  String[] variables() default {};

  /** GitLab's {@code pull_policy}: {@code always}, {@code if-not-present} or {@code never}, in order. */
  String[] pullPolicy() default {};

  /**
   * Container ports to publish on random host ports, for {@link ServiceHandle#port(int)} (not a GitLab
   * key: a CI job reaches services by hostname, a test in the JVM through these).
   */
  int[] ports() default {};

  /**
   * A regular expression that whole lines of the service's output must match before it counts as
   * ready, checked after GitLab's TCP health check (not a GitLab key). PostgreSQL, for one, accepts
   * TCP connections a moment before it accepts logins: {@code waitForLog = ".*database system is ready
   * to accept connections.*", waitForLogTimes = 2} waits for the server after the initialisation one.
   */
  String waitForLog() default "";

  /** How many lines must match {@link #waitForLog()}. */
  int waitForLogTimes() default 1;
}
