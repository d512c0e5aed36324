package dev.ciservices.benchmarks;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/** Readiness by dialling a container's address in its network: accepted only once the service listens. */
final class Dial {
  private static final int CONNECT_TIMEOUT_MILLIS = 250;

  private Dial() {}

  static boolean accepts(String address, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, port), CONNECT_TIMEOUT_MILLIS);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Dials every {@code everyMillis} until the port accepts.
   *
   * @throws IllegalStateException after {@code timeoutMillis}
   */
  static void awaitAccepting(String address, int port, long everyMillis, long timeoutMillis, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
    while (!accepts(address, port)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(what + " (" + address + ") does not accept on " + port + " after "
            + timeoutMillis + " ms");
      }
      Thread.sleep(everyMillis);
    }
  }
}
