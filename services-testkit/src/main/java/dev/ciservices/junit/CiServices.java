package dev.ciservices.junit;

import dev.ciservices.JobPlan;
import dev.ciservices.NetworkMode;
import dev.ciservices.ReadinessProbe;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Starts the {@link Service}s declared on a test class before its tests and removes them after, with
 * GitLab CI's {@code services:} semantics (hostnames, environment, pull policies, health check).
 *
 * <p>Every service of a class starts in parallel; the class starts once all of them accept TCP
 * connections. A service that is not ready in {@link #timeoutSeconds()} fails the class before any
 * test runs, with GitLab's diagnosis (health check error, last log lines) as the message. Without a
 * container engine the class is skipped with the reason, or fails when the environment variable
 * {@code CI} is {@code true} (configuration parameter {@code ciservices.junit.failWithoutEngine}
 * overrides that). May be used as a meta-annotation; found on superclasses.
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(AnnotatedServicesExtension.class)
public @interface CiServices {

  /** How long the services live; {@link Lifecycle#PER_CLASS} by default. */
  Lifecycle lifecycle() default Lifecycle.PER_CLASS;

  /**
   * When the services fail to start, or a test that used them fails, keep their containers, network
   * and volume for inspection; the failure's message (or a WARN line on {@code dev.ciservices.junit})
   * says how to list them. They are removed by the first run after this JVM exits.
   */
  boolean keepOnFailure() default false;

  /**
   * GitLab's {@code wait_for_services_timeout}: how long, in seconds, every service has to accept TCP
   * connections; 0 means GitLab's default of 30, a negative value skips the health check.
   */
  int timeoutSeconds() default 30;

  /**
   * The runner's {@code pull_policy}, as written in {@code config.toml}; {@code if-not-present} by
   * default (GitLab's default, {@code always}, needs a registry for every run). Every policy is
   * allowed, so {@link Service#pullPolicy()} may ask for any.
   */
  String[] pullPolicy() default {"if-not-present"};

  /** Job variables, {@code KEY=value}: they reach every service, as in {@code .gitlab-ci.yml}. */
  String[] variables() default {};

  /**
   * Routes every line the services print to SLF4J: one logger per service, named {@code
   * dev.ciservices.service.<alias>}, at INFO, each line prefixed with {@code [alias]} (GitLab's {@code
   * CI_DEBUG_SERVICES}, without its colours).
   */
  boolean logs() default false;

  /**
   * How readiness is probed: {@link ReadinessProbe#AUTO} (the default) takes the configuration
   * parameter or system property {@value ReadinessProbe#PROPERTY} ({@code container-address},
   * {@code published-port}), else the environment variable {@value ReadinessProbe#ENV}, else lets
   * the backend decide from what it observes; {@link ReadinessProbe#PUBLISHED_PORT} for engines whose
   * containers this JVM cannot reach (Docker Desktop, a remote engine, a JVM in a container).
   */
  ReadinessProbe readiness() default ReadinessProbe.AUTO;

  /**
   * How the services are networked: {@link NetworkMode#PER_JOB} (the default, GitLab's network per
   * job), {@link NetworkMode#LEGACY_LINKS}, or {@link NetworkMode#POD} to reproduce a Kubernetes
   * executor's pod (one network namespace, services on {@code localhost}, the Kubernetes health-check
   * rule: only services with {@code HEALTHCHECK_TCP_PORT} among their variables are checked).
   */
  NetworkMode networkMode() default NetworkMode.PER_JOB;

  /**
   * The image of the container that holds the pod's network namespace with {@link NetworkMode#POD}
   * ({@code RunnerConfig.podOwnerImage}): any image with {@code sh} and {@code sleep}, e.g. a mirror
   * of busybox; ignored in the other modes.
   */
  String podOwnerImage() default JobPlan.NAMESPACE_OWNER_IMAGE;

  /**
   * GitLab Runner's {@code config.toml}, relative to the working directory (the module's directory
   * under Maven), e.g. {@code "ci/config.toml"}: its first {@code [[runners]]} (or {@link
   * #runnerName()}) sets up the runner as the CLI's {@code --runner-config} does ({@code
   * [runners.docker]} keys, {@code [[runners.docker.services]]}, {@code environment}, {@code
   * FF_NETWORK_PER_BUILD}); each key it does not honour is a WARN line on {@code dev.ciservices.junit}.
   * {@link #pullPolicy()}, {@link #timeoutSeconds()} and {@link #networkMode()} win over the file
   * only where they are not at their defaults. Empty (the default): no file.
   */
  String runnerConfig() default "";

  /** With {@link #runnerConfig()}: the {@code name} of the {@code [[runners]]} entry to read; empty reads the first. */
  String runnerName() default "";

  /** How long services live, and who shares them. */
  enum Lifecycle {
    /** Started before the first test of the class, removed after its last one. */
    PER_CLASS,
    /** Started before each test method, removed after it. */
    PER_METHOD,
    /**
     * Started when the first class that declares them needs them, reused by every class of the run
     * that declares the same services (in any order) with the same options, removed at the end of the
     * run. Safe under parallel execution: started once, never stopped while a class uses them.
     */
    SHARED
  }
}
