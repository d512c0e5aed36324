package dev.ciservices.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * The exact readiness signal on a local engine: the container's listening sockets, read from the
 * host in {@code /proc/<pid>/net/tcp} and {@code tcp6} (the network namespace of its main process).
 * No container, no shell, no connection.
 */
final class ProcNetTcp {
  private static final String LISTEN = "0A";

  private ProcNetTcp() {}

  /**
   * Whether a socket of the process's network namespace listens on the port.
   *
   * @throws IllegalStateException when the process is gone (the container exited)
   */
  static boolean listening(long pid, int port) {
    return listening(Path.of("/proc", Long.toString(pid), "net", "tcp"), port)
        || listening(Path.of("/proc", Long.toString(pid), "net", "tcp6"), port);
  }

  private static boolean listening(Path table, int port) {
    List<String> lines;
    try {
      lines = Files.readAllLines(table);
    } catch (NoSuchFileException e) {
      throw new IllegalStateException("process of " + table + " is gone: the container exited");
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + table + ": " + e, e);
    }
    for (int i = 1; i < lines.size(); i++) {
      // "  sl  local_address rem_address   st ...": "0: 00000000:1538 00000000:0000 0A ..."
      String[] fields = lines.get(i).trim().split("\\s+");
      if (fields.length < 4 || !LISTEN.equals(fields[3])) {
        continue;
      }
      String local = fields[1];
      int colon = local.lastIndexOf(':');
      if (colon >= 0 && Integer.parseInt(local.substring(colon + 1), 16) == port) {
        return true;
      }
    }
    return false;
  }

  /**
   * Polls every {@code everyMillis} until the port listens.
   *
   * @throws IllegalStateException when the container exits, or after {@code timeoutMillis}
   */
  static void awaitListening(long pid, int port, long everyMillis, long timeoutMillis, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
    while (!listening(pid, port)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(what + " does not listen on " + port + " after " + timeoutMillis + " ms");
      }
      Thread.sleep(everyMillis);
    }
  }
}
