package dev.ciservices.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Starts the services, with the variables, of a job of the project's {@code .gitlab-ci.yml}, so that
 * a test class runs against exactly what CI declares: one definition, no drift. {@code include:
 * local}, {@code extends}, {@code default}, anchors and {@code !reference} are resolved as GitLab
 * does. Combines with {@link Service} declarations (added after the job's) and {@link CiServices}
 * options (its variables come after the job's, so they win).
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(AnnotatedServicesExtension.class)
public @interface GitLabCiServices {

  /** The job whose services to start, e.g. {@code "test"}. */
  String job();

  /** The CI file, relative to the working directory (the module's directory under Maven). */
  String file() default ".gitlab-ci.yml";

  /**
   * Container ports to publish for the JVM, as {@code "<hostname>:<port>"}, e.g. {@code "db:5432"}:
   * the hostname is one of the service's aliases or default aliases.
   */
  String[] ports() default {};
}
