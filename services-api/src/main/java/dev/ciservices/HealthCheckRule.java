package dev.ciservices;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Which ports GitLab's Docker health check dials: the port of the first {@code
 * HEALTHCHECK_TCP_PORT} variable (key compared without case) in the container's environment, else
 * the image's exposed TCP ports, lowest first, at most 20. The service is ready when any one of them
 * accepts a connection.
 *
 * @param explicitPort the {@code HEALTHCHECK_TCP_PORT} port, or {@code null} to use exposed ports
 */
public record HealthCheckRule(@Nullable Integer explicitPort) {

  /** The variable that names the one port to check. */
  public static final String VARIABLE = "HEALTHCHECK_TCP_PORT";
  /** How many exposed ports are checked at most. */
  public static final int MAX_EXPOSED_PORTS = 20;

  private static final Pattern SIGNED_DECIMAL = Pattern.compile("[+-]?[0-9]+");
  private static final HealthCheckRule EXPOSED = new HealthCheckRule(null);

  /** Checks the port. */
  public HealthCheckRule {
    if (explicitPort != null && (explicitPort < 1 || explicitPort > 65535)) {
      throw new IllegalArgumentException(invalidPort(explicitPort.toString()));
    }
  }

  /** The rule that checks the image's exposed TCP ports. */
  public static HealthCheckRule exposedPorts() {
    return EXPOSED;
  }

  /**
   * Reads the rule from a container environment ({@code KEY=value} entries, image {@code ENV} first
   * as Docker merges them).
   *
   * @throws IllegalArgumentException {@code invalid health check tcp port: <value>} when the value
   *     is not a TCP port number
   */
  public static HealthCheckRule fromEnvironment(List<String> environment) {
    Optional<String> value = portVariable(environment);
    return value.isEmpty() ? EXPOSED : new HealthCheckRule(parsePort(value.get()));
  }

  /** The value of the first {@code HEALTHCHECK_TCP_PORT} entry, key compared without case. */
  public static Optional<String> portVariable(List<String> environment) {
    for (String entry : environment) {
      int eq = entry.indexOf('=');
      if (eq >= 0 && entry.substring(0, eq).equalsIgnoreCase(VARIABLE)) {
        return Optional.of(entry.substring(eq + 1));
      }
    }
    return Optional.empty();
  }

  /**
   * Parses a {@code HEALTHCHECK_TCP_PORT} value: base-10 digits with an optional sign, then a TCP
   * port between 1 and 65535 (GitLab accepts any 32-bit number and then never connects).
   *
   * @throws IllegalArgumentException {@code invalid health check tcp port: <value>}
   */
  public static int parsePort(String value) {
    if (!SIGNED_DECIMAL.matcher(value).matches()) {
      throw new IllegalArgumentException(invalidPort(value));
    }
    long port;
    try {
      port = Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(invalidPort(value), e);
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(invalidPort(value));
    }
    return (int) port;
  }

  private static String invalidPort(String value) {
    return "invalid health check tcp port: " + value;
  }

  /**
   * The ports to dial in a created container: this rule's port, else the {@code HEALTHCHECK_TCP_PORT}
   * its image's {@code ENV} sets (Docker merges image {@code ENV} into the container's, and the
   * runner reads the merged list), else its exposed TCP ports, lowest first, at most 20.
   *
   * @param containerEnvironment the created container's environment ({@code KEY=value})
   * @param exposedTcpPorts the container's exposed TCP ports
   * @throws IllegalArgumentException {@code invalid health check tcp port: <value>} for an image
   *     {@code ENV} value that is not a port
   */
  public List<Integer> ports(List<String> containerEnvironment, Collection<Integer> exposedTcpPorts) {
    if (explicitPort != null) {
      return List.of(explicitPort);
    }
    return fromEnvironment(containerEnvironment).ports(exposedTcpPorts);
  }

  /** The ports to dial, given the image's exposed TCP ports. */
  public List<Integer> ports(Collection<Integer> exposedTcpPorts) {
    if (explicitPort != null) {
      return List.of(explicitPort);
    }
    return new TreeSet<>(exposedTcpPorts).stream().limit(MAX_EXPOSED_PORTS).toList();
  }

  /** A phrase for plans: {@code HEALTHCHECK_TCP_PORT 5432} or {@code exposed TCP ports (lowest 20)}. */
  public String describe() {
    return explicitPort != null ? VARIABLE + " " + explicitPort : "exposed TCP ports (lowest " + MAX_EXPOSED_PORTS + ")";
  }
}
