package dev.ciservices.docker.internal;

import java.util.List;
import java.util.Locale;

/** The runner's classification of image pull failures (registry-auth.md 3.4): which are retried. */
final class PullErrors {
  private static final List<String> TRANSIENT = List.of("dial tcp", "connection refused", "no such host", "i/o timeout",
      "tls handshake", "client.timeout exceeded", "request canceled", "connection reset");

  private PullErrors() {}

  /** Whether the runner retries a pull that failed with this message: network trouble only. */
  static boolean isTransient(String message) {
    String lower = message.toLowerCase(Locale.ROOT);
    return TRANSIENT.stream().anyMatch(lower::contains);
  }
}
