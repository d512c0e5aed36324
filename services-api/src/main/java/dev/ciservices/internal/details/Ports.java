package dev.ciservices.internal.details;

import java.util.Optional;

/** Port numbers read from the environment or a command line. */
final class Ports {
  private Ports() {}

  /** The value as a TCP port, or empty when it is not one (the server would refuse it, or ignore it). */
  static Optional<Integer> parse(Optional<String> value) {
    if (value.isEmpty() || !value.get().matches("[0-9]{1,5}")) {
      return Optional.empty();
    }
    int port = Integer.parseInt(value.get());
    return port >= 1 && port <= 65535 ? Optional.of(port) : Optional.empty();
  }
}
