package dev.ciservices.docker.internal;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * This JVM's IPv4 routes, from {@code /proc/net/route} (Linux; that file shows the routes of the
 * reading process's network namespace). Tells whether an address is on a network this JVM has a
 * route to other than the default route, without sending a packet.
 */
final class Routes {
  static final Path PROC_NET_ROUTE = Path.of("/proc/net/route");

  private final List<String[]> rows;

  private Routes(List<String[]> rows) {
    this.rows = rows;
  }

  /** The routes in this file; empty when it cannot be read (not Linux). */
  static Optional<Routes> read(Path file) {
    try {
      return Optional.of(parse(Files.readAllLines(file)));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  static Routes parse(List<String> lines) {
    return new Routes(lines.stream().skip(1).map(String::trim).filter(l -> !l.isEmpty()).map(l -> l.split("\\s+"))
        .filter(f -> f.length >= 8).toList());
  }

  /** The interface of the most specific non-default route covering {@code address}, if any. */
  Optional<String> interfaceFor(InetAddress address) {
    if (!(address instanceof Inet4Address)) {
      return Optional.empty();
    }
    int target = littleEndian(address.getAddress());
    String best = null;
    int bestBits = 0;
    for (String[] row : rows) {
      int destination = (int) Long.parseLong(row[1], 16);
      int mask = (int) Long.parseLong(row[7], 16);
      int bits = Integer.bitCount(mask);
      if (mask != 0 && (target & mask) == (destination & mask) && bits > bestBits) {
        best = row[0];
        bestBits = bits;
      }
    }
    return Optional.ofNullable(best);
  }

  /** /proc/net/route prints addresses as the host's (little-endian) 32-bit word. */
  private static int littleEndian(byte[] b) {
    return (b[0] & 0xff) | (b[1] & 0xff) << 8 | (b[2] & 0xff) << 16 | (b[3] & 0xff) << 24;
  }
}
