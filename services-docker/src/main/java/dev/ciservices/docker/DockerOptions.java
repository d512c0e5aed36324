package dev.ciservices.docker;

import dev.ciservices.ReadinessProbe;
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
 * @param sweepLeftovers remove, when connecting, what processes that provably exited on this machine,
 *     boot and PID namespace created and left
 *     behind when they were killed
 * @param readinessProbe how a port is found to accept connections; {@link ReadinessProbe#AUTO}
 *     (the default) takes the system property {@value ReadinessProbe#PROPERTY}, else the
 *     environment variable {@value ReadinessProbe#ENV}, else decides from what it observes
 * @param publishedHost the address this JVM reaches the engine's published ports at, and (for an
 *     engine on this machine, given as an IP address) the address they are bound to; {@code null}:
 *     the system property {@value #PUBLISHED_HOST_PROPERTY}, else the environment variable
 *     {@value #PUBLISHED_HOST_ENV}, else {@code 127.0.0.1} for a local engine and the
 *     {@code DOCKER_HOST}'s host for a remote one. Set it when the JVM runs in a container or network
 *     namespace of its own, e.g. to the engine host's bridge address.
 */
public record DockerOptions(@Nullable String dockerHost, Duration pollInterval, boolean sweepLeftovers,
    ReadinessProbe readinessProbe, @Nullable String publishedHost) {

  /** The system property naming where published ports are reached. */
  public static final String PUBLISHED_HOST_PROPERTY = "ciservices.docker.published-host";
  /** The environment variable naming where published ports are reached. */
  public static final String PUBLISHED_HOST_ENV = "CI_SERVICES_PUBLISHED_HOST";

  /** Checks the values. */
  public DockerOptions {
    Objects.requireNonNull(pollInterval, "DockerOptions.pollInterval");
    Objects.requireNonNull(readinessProbe, "DockerOptions.readinessProbe");
    if (pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException("DockerOptions.pollInterval " + pollInterval + " must be positive, e.g. 20 ms");
    }
    if (publishedHost != null && publishedHost.isBlank()) {
      throw new IllegalArgumentException("DockerOptions.publishedHost is blank; give an address such as 172.17.0.1,"
          + " or null for the default");
    }
  }

  /** The engine found as the docker CLI finds it, polled every 20 ms, leftovers swept, readiness AUTO. */
  public static DockerOptions defaults() {
    return new DockerOptions(null, Duration.ofMillis(20), true, ReadinessProbe.AUTO, null);
  }

  /** A copy that connects to this engine address. */
  public DockerOptions withDockerHost(String dockerHost) {
    return new DockerOptions(dockerHost, pollInterval, sweepLeftovers, readinessProbe, publishedHost);
  }

  /** A copy that sweeps leftovers when it connects, or not. */
  public DockerOptions withSweepLeftovers(boolean sweep) {
    return new DockerOptions(dockerHost, pollInterval, sweep, readinessProbe, publishedHost);
  }

  /** A copy that finds readiness this way. */
  public DockerOptions withReadinessProbe(ReadinessProbe probe) {
    return new DockerOptions(dockerHost, pollInterval, sweepLeftovers, probe, publishedHost);
  }

  /** A copy that reaches published ports at this address. */
  public DockerOptions withPublishedHost(String host) {
    return new DockerOptions(dockerHost, pollInterval, sweepLeftovers, readinessProbe, host);
  }
}
