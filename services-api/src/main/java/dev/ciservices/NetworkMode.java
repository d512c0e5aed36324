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
  LEGACY_LINKS,
  /**
   * GitLab's Kubernetes executor's pod, on Docker: the job and every service share one network
   * namespace, held by a small namespace-owner container ({@link JobPlan#namespaceOwner()}), so
   * services are reached on {@code localhost} and by their Kubernetes host aliases ({@link
   * ServicePlan#kubernetesHostAliases()}, for 127.0.0.1); two services on one port collide; only
   * services with {@code HEALTHCHECK_TCP_PORT} among their own variables are health-checked, and a
   * failed check fails the job.
   */
  POD
}
