package dev.ciservices.kubernetes.internal;

import java.util.Map;
import java.util.regex.Pattern;

/** The runner's {@code sanitizeLabel} and its reserved label keys. */
final class PodLabels {
  private static final Pattern OUTSIDE = Pattern.compile("[^A-Za-z0-9\\-_.]");
  private static final Pattern RESERVED = Pattern.compile("(?i)(^|.*\\.)runner\\.gitlab\\.com(/.*|$)");
  private static final int MAX = 63;

  private PodLabels() {}

  /**
   * Characters outside {@code [A-Za-z0-9-_.]} become {@code _}; {@code -}, {@code _} and {@code .}
   * are trimmed at both ends; the value is cut to 63 characters and trimmed again.
   */
  static String sanitize(String value) {
    String s = trim(OUTSIDE.matcher(value).replaceAll("_"));
    if (s.length() > MAX) {
      s = trim(s.substring(0, MAX));
    }
    return s;
  }

  /** Whether a user label key would replace one of the runner's own, which the runner drops. */
  static boolean reserved(String key) {
    return RESERVED.matcher(key).matches();
  }

  /** Adds a sanitised value. */
  static void put(Map<String, String> labels, String key, String value) {
    labels.put(key, sanitize(value));
  }

  private static String trim(String s) {
    int from = 0;
    int to = s.length();
    while (from < to && "-_.".indexOf(s.charAt(from)) >= 0) {
      from++;
    }
    while (to > from && "-_.".indexOf(s.charAt(to - 1)) >= 0) {
      to--;
    }
    return s.substring(from, to);
  }
}
