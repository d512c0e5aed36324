package dev.ciservices.docker.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * One TCP dial of a readiness check ({@link Readiness}, {@link PodHealthCheck}): whether something
 * listens at an address. Dialled through an engine's published port, the engine's proxy accepts
 * before the service listens and closes the connection at once when nothing listens behind it, so
 * there the connection must also stay open (or deliver data) for a short verdict time.
 */
final class PortDial {
  static final Duration CONNECT_TIMEOUT = Duration.ofMillis(250);
  private static final Duration PROXY_VERDICT = Duration.ofMillis(100);

  private PortDial() {
  }

  /**
   * Whether {@code target} accepts a connection.
   *
   * @param target an address, resolved or not
   * @param viaPublishedPort whether {@code target} is an engine's published port (then the proxy verdict applies)
   */
  static boolean accepts(InetSocketAddress target, boolean viaPublishedPort) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(target.getHostString(), target.getPort()), (int) CONNECT_TIMEOUT.toMillis());
      if (!viaPublishedPort) {
        return true;
      }
      socket.setSoTimeout((int) PROXY_VERDICT.toMillis());
      try {
        return socket.getInputStream().read() != -1;
      } catch (SocketTimeoutException open) {
        return true;
      }
    } catch (IOException e) {
      return false;
    }
  }
}
