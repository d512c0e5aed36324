package dev.ciservices;

/** The phases of a job run, in order. */
public enum JobPhase {
  /** Network, volume, service images, service containers, health checks. */
  SERVICES,
  /** The job image and its container. */
  JOB_CONTAINER,
  /** Copying the workspace into the builds volume. */
  WORKSPACE,
  /** {@code before_script} and {@code script}. */
  SCRIPT,
  /** {@code after_script}. */
  AFTER_SCRIPT,
  /** Removing every container, the network and the volume. */
  CLEANUP
}
