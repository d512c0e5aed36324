package dev.ciservices.spi;

import dev.ciservices.JobPlan;
import dev.ciservices.JobResult;
import dev.ciservices.RunningServices;
import dev.ciservices.StartOptions;

/**
 * A container engine that carries out a {@link JobPlan}'s services. Implementations must be safe to
 * use from several threads, and must leave nothing behind when {@link #start} fails.
 */
public interface ServiceBackend extends AutoCloseable {
  /** The backend's name, e.g. {@code docker}. */
  String name();

  /**
   * Creates and starts the plan's services, waits for them as the plan says, and returns the running
   * handle.
   *
   * @throws dev.ciservices.InvalidPlanException when the plan has errors
   * @throws dev.ciservices.ServicesException when a service cannot be started; everything created is
   *     removed first
   */
  RunningServices start(JobPlan plan, StartOptions options);

  /**
   * Runs the whole job: its services, then the job container, the workspace copy, {@code
   * before_script} and {@code script}, {@code after_script}, and the removal of everything.
   *
   * @throws dev.ciservices.InvalidPlanException when the plan has errors
   * @throws dev.ciservices.ServicesException when the job cannot start (image, service, workspace) or
   *     is interrupted; everything created is removed first
   * @throws UnsupportedOperationException when this backend runs services only
   */
  default JobResult run(JobPlan plan, StartOptions options) {
    throw new UnsupportedOperationException("the " + name() + " backend starts services but cannot run jobs");
  }

  /** Releases the backend's connections; running services are not affected. */
  @Override
  default void close() {}
}
