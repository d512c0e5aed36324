package dev.ciservices.internal;

import java.time.Duration;

/** Durations as Go prints them, the form of GitLab's messages: {@code 1h0m0s}, {@code 1m30s}, {@code 10s}. */
public final class GoDuration {
  private GoDuration() {}

  /** {@code d} in whole seconds as Go prints a duration. */
  public static String format(Duration d) {
    long seconds = d.getSeconds();
    long h = seconds / 3600;
    long m = (seconds % 3600) / 60;
    long s = seconds % 60;
    if (h > 0) {
      return h + "h" + m + "m" + s + "s";
    }
    if (m > 0) {
      return m + "m" + s + "s";
    }
    return s + "s";
  }
}
