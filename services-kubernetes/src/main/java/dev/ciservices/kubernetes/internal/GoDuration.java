package dev.ciservices.kubernetes.internal;

import java.time.Duration;

/** Go's {@code time.Duration.String()} for whole seconds: {@code 2h0m0s}, {@code 5m0s}, {@code 30s}. */
final class GoDuration {
  private GoDuration() {}

  static String format(Duration d) {
    long s = d.toSeconds();
    long h = s / 3600;
    long m = (s % 3600) / 60;
    long sec = s % 60;
    if (h > 0) {
      return h + "h" + m + "m" + sec + "s";
    }
    if (m > 0) {
      return m + "m" + sec + "s";
    }
    return sec + "s";
  }
}
