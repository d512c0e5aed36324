package dev.ciservices.junit.internal;

import dev.ciservices.RunnerConfig;
import dev.ciservices.JobSpec;
import dev.ciservices.PullPolicy;
import dev.ciservices.ReadinessProbe;
import dev.ciservices.ServiceListener;
import dev.ciservices.junit.CiServices.Lifecycle;

/**
 * What one scope starts: the job, the runner configuration, and how.
 *
 * @param job the services and job variables
 * @param config the runner configuration
 * @param lifecycle how long the services live
 * @param keepOnFailure keep the containers when the start fails
 * @param logs route service logs to SLF4J
 * @param listener also hears the trace
 * @param origins where each service was declared, for messages
 * @param where who declared the scope, for messages, e.g. {@code PostgresIT}
 * @param readiness how readiness is probed; {@link ReadinessProbe#AUTO}: the configuration parameter
 *     {@value ReadinessProbe#PROPERTY} if set, else the backend's own choice
 */
public record Definition(JobSpec job, RunnerConfig config, Lifecycle lifecycle, boolean keepOnFailure, boolean logs,
    ServiceListener listener, Origins origins, String where, ReadinessProbe readiness) {

  /** A definition that leaves the readiness probe to the configuration and the backend. */
  public Definition(JobSpec job, RunnerConfig config, Lifecycle lifecycle, boolean keepOnFailure, boolean logs,
      ServiceListener listener, Origins origins, String where) {
    this(job, config, lifecycle, keepOnFailure, logs, listener, origins, where, ReadinessProbe.AUTO);
  }

  /** A runner for tests: no registry needed, every pull policy allowed, GitLab's 30 s to be ready. */
  public static RunnerConfig.Builder testRunner() {
    return RunnerConfig.local();
  }
}
