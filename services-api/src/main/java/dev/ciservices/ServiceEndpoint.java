package dev.ciservices;

import java.net.URI;

/**
 * Where a service port is reachable from the calling JVM.
 *
 * @param host the host to connect to, e.g. {@code localhost}
 * @param port the port on that host
 */
public record ServiceEndpoint(String host, int port) {

  /** Checks the values. */
  public ServiceEndpoint {
    if (host.isBlank()) {
      throw new IllegalArgumentException("ServiceEndpoint.host is empty");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("ServiceEndpoint.port " + port + " is not a TCP port (1 to 65535)");
    }
  }

  /** {@code host:port}. */
  public String hostPort() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  /** {@code scheme://host:port}, e.g. {@code redis://localhost:49153}. */
  public URI uri(String scheme) {
    return URI.create(scheme + "://" + hostPort());
  }

  @Override
  public String toString() {
    return hostPort();
  }
}
