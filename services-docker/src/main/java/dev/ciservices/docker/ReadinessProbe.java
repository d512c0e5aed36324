package dev.ciservices.docker;

/** How the backend tells that a service port accepts connections. */
public enum ReadinessProbe {
  /**
   * {@link #CONTAINER_ADDRESS} when the engine runs on this machine (a unix socket or a loopback
   * address), else {@link #PUBLISHED_PORT}. The default.
   */
  AUTO,
  /**
   * Dial the container's own address inside the job network: exact, and what GitLab's health check
   * does; needs container addresses to be routable from the JVM (a local Linux engine).
   */
  CONTAINER_ADDRESS,
  /**
   * Publish the checked ports and dial them on the engine's host, for engines whose containers
   * the JVM cannot reach (Docker Desktop, a remote {@code DOCKER_HOST}). The engine's proxy accepts
   * a connection before the service listens, so a connection only counts when the proxy keeps it
   * open: a proxy that cannot reach the service closes it at once.
   */
  PUBLISHED_PORT
}
