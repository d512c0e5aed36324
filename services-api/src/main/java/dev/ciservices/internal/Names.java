package dev.ciservices.internal;

import java.util.Locale;
import java.util.regex.Pattern;

/** GitLab Runner's name helpers: token shortening and RFC 1123 clean-up. */
public final class Names {
  private Names() {}

  private static final Pattern TOKEN_PREFIX = Pattern.compile("^(glrt-(t[123]_)?|t[123]_|glrtr-|glcbt-|GR[0-9a-fA-F]{7})");
  private static final int SHORT_TOKEN_LENGTH = 9;
  private static final int RFC1123_MAX = 63;

  /** The runner's {@code ShortenToken}: known prefixes removed, then at most 9 characters. */
  public static String shortenToken(String token) {
    String t = TOKEN_PREFIX.matcher(token).replaceFirst("");
    return t.length() <= SHORT_TOKEN_LENGTH ? t : t.substring(0, SHORT_TOKEN_LENGTH);
  }

  /** The runner's {@code MakeRFC1123Compatible}: lower case, only {@code [-a-z0-9]}, trimmed, at most 63 characters. */
  public static String rfc1123(String name) {
    String s = name.toLowerCase(Locale.ROOT).replaceAll("[^-a-z0-9]", "").replaceAll("^[^a-z0-9]+", "");
    if (s.length() > RFC1123_MAX) {
      s = s.substring(0, RFC1123_MAX);
    }
    return s.replaceAll("-+$", "");
  }
}
