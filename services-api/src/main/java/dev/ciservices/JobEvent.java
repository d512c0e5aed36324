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

  /**
   * How far the pull of an image has come, as the engine reports it: sent while layers download (at
   * most a few times a second) and once more when the pull ends.
   *
   * @param image the reference pulled, e.g. {@code registry.example.com/group/app:1.2}
   * @param layers the layers the engine has announced so far
   * @param layersDone of those, the ones downloaded or already present
   * @param bytesDone bytes downloaded so far, over every layer
   * @param bytesTotal the sizes of the layers that download, as far as the engine has told them
   *     (layers already present count 0); equal to {@code bytesDone} once the pull is complete
   * @param complete whether this is the pull's last event
   */
  record ImagePullProgress(Instant at, String image, int layers, int layersDone, long bytesDone, long bytesTotal,
      boolean complete) implements JobEvent {}

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
