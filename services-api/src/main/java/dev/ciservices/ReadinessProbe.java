package dev.ciservices;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How a backend tells that a service port accepts connections. Chosen, in this order, by {@link
 * StartOptions#readinessProbe()}, the backend's own option, the system property {@value #PROPERTY},
 * the environment variable {@value #ENV}; else {@link #AUTO}.
 */
public enum ReadinessProbe {
  /**
   * The backend decides from what it observes and says why: on Docker, {@link #PUBLISHED_PORT} for
   * a remote engine or one whose containers live in a VM (Docker Desktop), else {@link
   * #CONTAINER_ADDRESS} when this JVM has a route to the engine's container network (checked on the
   * default network when connecting, else on the first service's address), else {@link
   * #PUBLISHED_PORT}. The default.
   */
  AUTO,
  /**
   * Dial the container's own address inside the job network: exact, and what GitLab's health check
   * does; needs container addresses to be routable from the JVM (a local Linux engine).
   */
  CONTAINER_ADDRESS,
  /**
   * Publish the checked ports and dial them on the engine's host, for engines whose containers
   * the JVM cannot reach (Docker Desktop, a remote {@code DOCKER_HOST}, a JVM in a container or
   * network namespace of its own). The engine's proxy accepts a connection before the service
   * listens, so a connection only counts when the proxy keeps it open: a proxy that cannot reach
   * the service closes it at once.
   */
  PUBLISHED_PORT;

  /** The system property that chooses the probe, e.g. {@code -Dciservices.readiness=published-port}. */
  public static final String PROPERTY = "ciservices.readiness";
  /** The environment variable that chooses the probe when the system property is not set. */
  public static final String ENV = "CI_SERVICES_READINESS";

  /** The name users write: {@code auto}, {@code container-address}, {@code published-port}. */
  public String optionName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * The probe named {@code value} ({@code published-port}, {@code PUBLISHED_PORT} and {@code
   * published_port} alike).
   *
   * @param where what set the value, for the message, e.g. {@code --readiness}
   * @throws IllegalArgumentException in one line naming {@code where}, the value and the choices
   */
  public static ReadinessProbe parse(String value, String where) {
    String wanted = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    for (ReadinessProbe probe : values()) {
      if (probe.name().equals(wanted)) {
        return probe;
      }
    }
    throw new IllegalArgumentException(where + ": unknown readiness probe \"" + value + "\"; use one of "
        + Arrays.stream(values()).map(ReadinessProbe::optionName).collect(Collectors.joining(", ")));
  }
}
