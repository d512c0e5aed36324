package dev.ciservices.docker;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How the Docker backend connects and polls.
 *
 * @param dockerHost the engine address ({@code unix:///var/run/docker.sock}, {@code tcp://host:2375});
 *     {@code null} finds it as the docker CLI does: {@code DOCKER_HOST}, the current docker context,
 *     the default socket
 * @param pollInterval how often readiness is checked while waiting
 * @param sweepLeftovers remove, when connecting, what earlier JVMs on this host created and left
 *     behind when they were killed
 * @param readinessProbe how a port is found to accept connections
 */
public record DockerOptions(@Nullable String dockerHost, Duration pollInterval, boolean sweepLeftovers,
    ReadinessProbe readinessProbe) {

  /** Checks the values. */
  public DockerOptions {
    Objects.requireNonNull(pollInterval, "DockerOptions.pollInterval");
    Objects.requireNonNull(readinessProbe, "DockerOptions.readinessProbe");
    if (pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException("DockerOptions.pollInterval " + pollInterval + " must be positive, e.g. 20 ms");
    }
  }

  /** The engine found as the docker CLI finds it, polled every 20 ms, leftovers swept. */
  public static DockerOptions defaults() {
    return new DockerOptions(null, Duration.ofMillis(20), true, ReadinessProbe.AUTO);
  }

  /** A copy that connects to this engine address. */
  public DockerOptions withDockerHost(String dockerHost) {
    return new DockerOptions(dockerHost, pollInterval, sweepLeftovers, readinessProbe);
  }

  /** A copy that finds readiness this way. */
  public DockerOptions withReadinessProbe(ReadinessProbe probe) {
    return new DockerOptions(dockerHost, pollInterval, sweepLeftovers, probe);
  }
}
