package dev.ciservices;

import java.time.Duration;
import java.time.Instant;

/**
 * What happens during a job, for programs: each event carries the instant it happened, so a tool
 * can draw progress and report where time went. Delivered to {@link ServiceListener#onEvent}.
 */
public sealed interface JobEvent {
  /** When it happened. */
  Instant at();

  /**
   * An image is available.
   *
   * @param image the name
   * @param pulled whether it was pulled (else found locally)
   */
  record ImageReady(Instant at, String image, boolean pulled) implements JobEvent {}

  /**
   * The engine a start runs on, once its services are created: product, version, API, OS,
   * rootless or not, and the readiness probe with its reason.
   */
  record EngineUsed(Instant at, EngineInfo engine) implements JobEvent {}

  /** A service container was created. */
  record ServiceCreated(Instant at, ServicePlan service, String containerId) implements JobEvent {}

  /** A service container was started. */
  record ServiceStarted(Instant at, ServicePlan service, String containerId) implements JobEvent {}

  /** A service passed its health check (and extra conditions). */
  record ServiceReady(Instant at, ServicePlan service, Duration sinceStart) implements JobEvent {}

  /** A service did not pass its health check; {@code reason} is GitLab's health check error. */
  record ServiceNotReady(Instant at, ServicePlan service, String reason) implements JobEvent {}

  /** A line of a service's output (with {@code CI_DEBUG_SERVICES}), masked. */
  record ServiceLogLine(Instant at, ServicePlan service, String line) implements JobEvent {}

  /** A line of the job script's output, masked. */
  record ScriptLine(Instant at, String line) implements JobEvent {}

  /** A phase of the job ended. */
  record PhaseFinished(Instant at, JobPhase phase, Duration took) implements JobEvent {}

  /** The job ended. */
  record JobFinished(Instant at, JobResult result) implements JobEvent {}
}
