package dev.ciservices.docker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Test;

/** The one TCP dial of both readiness checks, with the published-port proxy verdict. */
class PortDialTest {
  private static InetSocketAddress at(ServerSocket server) {
    return InetSocketAddress.createUnresolved("127.0.0.1", server.getLocalPort());
  }

  @Test
  void acceptsAListeningPortDirectlyAndThroughAPublishedPortThatStaysOpen() throws IOException {
    try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      assertThat(PortDial.accepts(at(server), false)).isTrue();
      assertThat(PortDial.accepts(at(server), true)).isTrue();
    }
  }

  @Test
  void refusesAPortNothingListensOn() throws IOException {
    InetSocketAddress closed;
    try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      closed = at(server);
    }
    assertThat(PortDial.accepts(closed, false)).isFalse();
    assertThat(PortDial.accepts(closed, true)).isFalse();
  }

  @Test
  void refusesAPublishedPortWhoseProxyClosesAtOnceButAcceptsItDirectly() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread proxy = new Thread(() -> {
        while (!server.isClosed()) {
          try (Socket accepted = server.accept()) {
            // closes at once, as the engine's proxy does when nothing listens behind it
          } catch (IOException e) {
            return;
          }
        }
      });
      proxy.start();
      assertThat(PortDial.accepts(at(server), true)).isFalse();
      assertThat(PortDial.accepts(at(server), false)).isTrue();
    }
  }
}
