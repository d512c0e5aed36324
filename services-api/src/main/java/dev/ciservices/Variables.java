package dev.ciservices;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Variable expansion exactly as GitLab Runner does it: Go's {@code os.Expand} with the runner's
 * lookup, in a single pass.
 *
 * <ul>
 *   <li>{@code $NAME} takes the longest run of {@code [A-Za-z0-9_]}; {@code ${NAME}} takes everything
 *       up to {@code }} (there are no modifiers: {@code ${A:-b}} looks up {@code A:-b});
 *   <li>{@code $$} gives {@code $}; {@code $*}, {@code $#}, {@code $@}, {@code $!}, {@code $?} and
 *       {@code $0}..{@code $9} give nothing; {@code $-} looks up a variable named {@code -};
 *   <li>a {@code $} before any other character, or at the end, is kept; {@code ${}} is removed;
 *   <li>an undefined variable gives nothing; the last variable with a key wins;
 *   <li>values are expanded against the unexpanded list, so chains deeper than one level keep
 *       their literal {@code $X}.
 * </ul>
 */
public final class Variables {
  private Variables() {}

  /** Expands {@code text} once against {@code source}, the last variable of a key winning. */
  public static String expand(String text, List<Variable> source) {
    return expand(text, name -> lookup(name, source));
  }

  /**
   * Expands every non-raw value once against the unexpanded list, as the runner's {@code
   * GetAllVariables} does; keys, flags and order are kept.
   */
  public static List<Variable> expandAll(List<Variable> variables) {
    List<Variable> expanded = new ArrayList<>(variables.size());
    for (Variable variable : variables) {
      expanded.add(variable.raw() ? variable : variable.withValue(expand(variable.value(), variables)));
    }
    return List.copyOf(expanded);
  }

  /** The value of the last variable named {@code key}, or {@code null}. */
  public static @Nullable String lastValue(String key, List<Variable> variables) {
    for (int i = variables.size() - 1; i >= 0; i--) {
      if (variables.get(i).key().equals(key)) {
        return variables.get(i).value();
      }
    }
    return null;
  }

  private static String lookup(String name, List<Variable> source) {
    switch (name) {
      case "$":
        return "$";
      case "*": case "#": case "@": case "!": case "?":
      case "0": case "1": case "2": case "3": case "4": case "5": case "6": case "7": case "8": case "9":
        return "";
      default:
        String value = lastValue(name, source);
        return value == null ? "" : value;
    }
  }

  /** Go's {@code os.Expand}: {@code mapping} gets each name found. */
  static String expand(String s, UnaryOperator<String> mapping) {
    StringBuilder out = null;
    int copiedUpTo = 0;
    for (int j = 0; j < s.length(); j++) {
      if (s.charAt(j) == '$' && j + 1 < s.length()) {
        if (out == null) {
          out = new StringBuilder(s.length() * 2);
        }
        out.append(s, copiedUpTo, j);
        String rest = s.substring(j + 1);
        int width = shellNameWidth(rest);
        String name = shellName(rest, width);
        if (name.isEmpty() && width > 0) {
          // invalid syntax such as "${}" or an unclosed "${": the characters are eaten
        } else if (name.isEmpty()) {
          out.append('$');
        } else {
          out.append(mapping.apply(name));
        }
        j += width;
        copiedUpTo = j + 1;
      }
    }
    return out == null ? s : out.append(s, copiedUpTo, s.length()).toString();
  }

  private static boolean isShellSpecial(char c) {
    return "*#$@!?-0123456789".indexOf(c) >= 0;
  }

  private static boolean isAlphaNumeric(char c) {
    return c == '_' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  /** How many characters after the {@code $} belong to the reference (Go's getShellName width). */
  private static int shellNameWidth(String s) {
    if (s.charAt(0) == '{') {
      if (s.length() > 2 && isShellSpecial(s.charAt(1)) && s.charAt(2) == '}') {
        return 3;
      }
      int close = s.indexOf('}', 1);
      return close < 0 ? 1 : close + 1;
    }
    if (isShellSpecial(s.charAt(0))) {
      return 1;
    }
    int i = 0;
    while (i < s.length() && isAlphaNumeric(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private static String shellName(String s, int width) {
    if (s.charAt(0) == '{') {
      return width <= 2 ? "" : s.substring(1, width - 1);
    }
    return s.substring(0, width);
  }
}
