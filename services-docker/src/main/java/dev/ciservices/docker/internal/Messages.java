package dev.ciservices.docker.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Short, readable messages from docker-java exceptions. */
final class Messages {
  private static final Pattern JSON_MESSAGE = Pattern.compile("\\{\"message\":\"((?:[^\"\\\\]|\\\\.)*)\"\\}");

  private Messages() {}

  /** The daemon's own message when the exception carries one, else the exception's. */
  static String of(Throwable e) {
    String text = String.valueOf(e.getMessage());
    Matcher m = JSON_MESSAGE.matcher(text);
    if (m.find()) {
      return m.group(1).replace("\\\"", "\"").replace("\\n", " ").strip();
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String rootText = root == e ? text : String.valueOf(root.getMessage());
    return rootText.strip();
  }
}
