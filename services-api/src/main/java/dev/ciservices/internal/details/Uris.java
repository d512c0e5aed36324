package dev.ciservices.internal.details;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Percent-encoding for the parts of connection URIs. */
public final class Uris {
  private Uris() {}

  /** A user, password, database or virtual host as a URI part: {@code /} becomes {@code %2F}, a space {@code %20}. */
  public static String encode(String part) {
    return URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
