package dev.ciservices.gitlab.internal;

import java.util.regex.Pattern;

/**
 * Ruby's {@code File.fnmatch?} with {@code FNM_PATHNAME | FNM_DOTMATCH | FNM_EXTGLOB}, as GitLab
 * matches {@code rules: exists} and {@code rules: changes} paths: {@code *} and {@code ?} stop at
 * {@code /}, {@code **}{@code /} matches any number of directories (none included; {@code **} not
 * followed by {@code /} is {@code *}), {@code {a,b}}
 * and {@code [a-z]} work, and dot files match.
 */
public final class Fnmatch {
  private final Pattern regex;

  private Fnmatch(Pattern regex) {
    this.regex = regex;
  }

  /** Compiles a pattern; a leading {@code /} is dropped (paths are relative to the project). */
  public static Fnmatch compile(String glob) {
    String g = glob.startsWith("/") ? glob.substring(1) : glob;
    StringBuilder re = new StringBuilder();
    int braces = 0;
    for (int i = 0; i < g.length(); i++) {
      char c = g.charAt(i);
      if (c == '*' && g.startsWith("**/", i) && (i == 0 || g.charAt(i - 1) == '/')) {
        re.append("(?:[^/]*/)*");
        i += 2;
      } else if (c == '*') {
        re.append("[^/]*");
      } else if (c == '?') {
        re.append("[^/]");
      } else if (c == '[') {
        int close = g.indexOf(']', i + 2);
        if (close < 0) {
          re.append("\\[");
        } else {
          String set = g.substring(i + 1, close);
          if (set.startsWith("!")) {
            set = "^" + set.substring(1);
          }
          re.append('[').append(set.replace("\\", "\\\\").replace("[", "\\[")).append(']');
          i = close;
        }
      } else if (c == '{') {
        braces++;
        re.append("(?:");
      } else if (c == '}' && braces > 0) {
        braces--;
        re.append(')');
      } else if (c == ',' && braces > 0) {
        re.append('|');
      } else if (c == '\\' && i + 1 < g.length()) {
        re.append(Pattern.quote(String.valueOf(g.charAt(++i))));
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    while (braces-- > 0) {
      re.append(')');
    }
    return new Fnmatch(Pattern.compile(re.toString()));
  }

  /** Whether a project-relative path with {@code /} separators matches. */
  public boolean matches(String path) {
    return regex.matcher(path).matches();
  }
}
