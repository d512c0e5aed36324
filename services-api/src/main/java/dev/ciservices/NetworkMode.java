package dev.ciservices;

/** How the job and its services reach each other. */
public enum NetworkMode {
  /**
   * A user-defined network per job (GitLab's {@code FF_NETWORK_PER_BUILD}): every service is
   * attached with all its hostnames, so services also reach each other. The default here.
   */
  PER_JOB,
  /**
   * The engine's default bridge, with the service hostnames written into the job container's hosts
   * file (GitLab's links emulation): the job reaches the services, services do not reach each other.
   */
  LEGACY_LINKS
}
