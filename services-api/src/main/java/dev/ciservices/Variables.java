package dev.ciservices;

import dev.ciservices.internal.SortAndExpand;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
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
 *
 * <p>Jobs that come from GitLab have been through the server's expansion first, {@link
 * #sortAndExpand}, which resolves chains to any depth; a local tool that reads {@code .gitlab-ci.yml}
 * plays the server and does both, as {@link JobPlanner} does.
 */
public final class Variables {
  private Variables() {}

  /**
   * The job's variables as the GitLab server sends them to the runner: ordered by their references
   * and each expanded against those already expanded, so {@code A: 16}, {@code B: $A}, {@code IMG:
   * postgres:$B} gives {@code IMG=postgres:16}. A reference to an undefined, file or raw variable is
   * kept for the runner, as are {@code $$} and {@code %%}; a raw variable's value is never expanded.
   * When references form a cycle nothing is expanded and {@link Expanded#cycleError()} names it.
   * Keys, flags and order are kept.
   */
  public static Expanded sortAndExpand(List<Variable> variables) {
    SortAndExpand.Result result = SortAndExpand.apply(variables);
    return new Expanded(result.variables(), result.cycleError());
  }

  /**
   * The result of {@link #sortAndExpand}.
   *
   * @param variables the variables with their values expanded, in the order given
   * @param cycleError GitLab's error when references form a cycle, e.g. {@code circular variable
   *     reference detected: ["A", "B"]}; the values are then unexpanded
   */
  public record Expanded(List<Variable> variables, Optional<String> cycleError) {
    /** Copies the list. */
    public Expanded {
      variables = List.copyOf(variables);
    }
  }

  /** Expands {@code text} once against {@code source}, the last variable of a key winning. */
  public static String expand(String text, List<Variable> source) {
    return expand(text, source, name -> {});
  }

  /**
   * Expands {@code text} once against {@code source}; {@code undefined} gets the name of each
   * variable referred to that {@code source} does not define (and that therefore gives nothing).
   */
  public static String expand(String text, List<Variable> source, Consumer<String> undefined) {
    return expand(text, name -> lookup(name, source, undefined));
  }

  /**
   * Expands every non-raw value once against the unexpanded list, as the runner's {@code
   * GetAllVariables} does; keys, flags and order are kept.
   */
  public static List<Variable> expandAll(List<Variable> variables) {
    return expandAll(variables, (key, name) -> {});
  }

  /**
   * As {@link #expandAll(List)}; {@code undefined} gets the key of each variable whose value refers
   * to a variable the list does not define, and that name.
   */
  public static List<Variable> expandAll(List<Variable> variables,
      BiConsumer<String, String> undefined) {
    List<Variable> expanded = new ArrayList<>(variables.size());
    for (Variable variable : variables) {
      expanded.add(variable.raw() ? variable
          : variable.withValue(expand(variable.value(), variables, name -> undefined.accept(variable.key(), name))));
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

  private static String lookup(String name, List<Variable> source, Consumer<String> undefined) {
    switch (name) {
      case "$":
        return "$";
      case "*": case "#": case "@": case "!": case "?":
      case "0": case "1": case "2": case "3": case "4": case "5": case "6": case "7": case "8": case "9":
        return "";
      default:
        String value = lastValue(name, source);
        if (value == null) {
          undefined.accept(name);
          return "";
        }
        return value;
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
