package dev.ciservices.internal;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A {@code doublestar} glob, as GitLab Runner matches {@code allowed_services} and {@code
 * allowed_privileged_services}: {@code *} and {@code ?} stop at {@code /}, {@code **} as a whole path
 * component spans any number of components (zero included), {@code [...]} and {@code [!...]} are
 * classes, {@code {a,b}} alternatives, {@code \} escapes.
 */
public final class Glob {
  private final String pattern;
  private final Pattern regex;

  private Glob(String pattern, Pattern regex) {
    this.pattern = pattern;
    this.regex = regex;
  }

  /**
   * Compiles a glob.
   *
   * @throws IllegalArgumentException when the glob is malformed (an unclosed {@code [} or {@code {},
   *     a trailing {@code \})
   */
  public static Glob compile(String pattern) {
    StringBuilder out = new StringBuilder();
    int end = translate(pattern, 0, out, false);
    if (end != pattern.length()) {
      throw new IllegalArgumentException("unexpected '" + pattern.charAt(end) + "' at " + end);
    }
    try {
      return new Glob(pattern, Pattern.compile(out.toString()));
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(e.getDescription(), e);
    }
  }

  /** Whether the whole of {@code name} matches. */
  public boolean matches(String name) {
    return regex.matcher(name).matches();
  }

  @Override
  public String toString() {
    return pattern;
  }

  private static int translate(String p, int start, StringBuilder out, boolean inBraces) {
    int i = start;
    while (i < p.length()) {
      char c = p.charAt(i);
      if (inBraces && (c == ',' || c == '}')) {
        return i;
      }
      switch (c) {
        case '\\':
          if (i + 1 >= p.length()) {
            throw new IllegalArgumentException("trailing '\\'");
          }
          out.append(Pattern.quote(String.valueOf(p.charAt(i + 1))));
          i += 2;
          break;
        case '*':
          boolean doubleStar = i + 1 < p.length() && p.charAt(i + 1) == '*';
          boolean startsComponent = i == 0 || p.charAt(i - 1) == '/';
          if (doubleStar && startsComponent && (i + 2 == p.length() || p.charAt(i + 2) == '/')) {
            if (i + 2 == p.length()) {
              out.append(".*");
              i += 2;
            } else {
              out.append("(?:.*/)?");
              i += 3;
            }
          } else {
            out.append("[^/]*");
            i += doubleStar ? 2 : 1;
          }
          break;
        case '?':
          out.append("[^/]");
          i++;
          break;
        case '[':
          int close = p.indexOf(']', i + 2);
          if (close < 0) {
            throw new IllegalArgumentException("unclosed '['");
          }
          String body = p.substring(i + 1, close);
          boolean negated = body.startsWith("!") || body.startsWith("^");
          if (negated) {
            body = body.substring(1);
          }
          out.append(negated ? "[^/" : "[").append(body.replace("\\", "\\\\").replace("[", "\\[")).append(']');
          i = close + 1;
          break;
        case '{':
          out.append("(?:");
          i++;
          while (true) {
            i = translate(p, i, out, true);
            if (i >= p.length()) {
              throw new IllegalArgumentException("unclosed '{'");
            }
            if (p.charAt(i) == '}') {
              out.append(')');
              i++;
              break;
            }
            out.append('|');
            i++;
          }
          break;
        default:
          out.append(Pattern.quote(String.valueOf(c)));
          i++;
      }
    }
    return i;
  }
}
