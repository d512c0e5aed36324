package dev.ciservices.internal;

import dev.ciservices.Variable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import java.util.stream.Collectors;

/**
 * GitLab's server-side expansion of job variables, {@code Collection#sort_and_expand_all(keep_undefined:
 * true, expand_file_refs: false, expand_raw_refs: false)}: variables are ordered by their references
 * and each is expanded against those already expanded, so chains resolve to any depth.
 *
 * <ul>
 *   <li>References are {@code $KEY}, {@code ${KEY}} and {@code %KEY%} with {@code KEY} matching
 *       {@code [A-Za-z_][A-Za-z0-9_]*}; {@code $$} and {@code %%} are kept for the runner.
 *   <li>A reference to an undefined, a file or a raw variable is kept as written.
 *   <li>A raw variable's own value is never expanded.
 *   <li>A reference resolves to the last variable of that key.
 *   <li>When references form a cycle, nothing is expanded (GitLab then sends the collection as it
 *       is) and the cycle is named.
 * </ul>
 */
public final class SortAndExpand {
  /** GitLab's {@code ExpandVariables::VARIABLES_REGEXP}. */
  private static final Pattern REFERENCE =
      Pattern.compile("\\$\\$|%%|\\$([a-zA-Z_][a-zA-Z0-9_]*)|\\$\\{([a-zA-Z_][a-zA-Z0-9_]*)?}|%([a-zA-Z_][a-zA-Z0-9_]*)%");

  /** The expanded variables, in their original order, and the cycles found. */
  public record Result(List<Variable> variables, Optional<String> cycleError) {}

  private final List<Variable> variables;
  private final Map<String, Integer> last = new HashMap<>();
  private final Map<Integer, String> expanded = new HashMap<>();
  private final Map<Integer, List<Integer>> edges = new HashMap<>();

  private SortAndExpand(List<Variable> variables) {
    this.variables = variables;
    for (int i = 0; i < variables.size(); i++) {
      last.put(variables.get(i).key(), i);
    }
  }

  /** Expands as GitLab does before it sends a job to the runner. */
  public static Result apply(List<Variable> variables) {
    return new SortAndExpand(List.copyOf(variables)).run();
  }

  /** The keys a value refers to, in order, as GitLab's {@code Item#depends_on} finds them. */
  public static List<String> references(String value) {
    List<String> keys = new ArrayList<>();
    Matcher m = REFERENCE.matcher(value);
    while (m.find()) {
      String key = key(m);
      if (key != null) {
        keys.add(key);
      }
    }
    return keys;
  }

  private Result run() {
    List<List<Integer>> cycles = new Tarjan().cycles();
    if (!cycles.isEmpty()) {
      String named = cycles.stream()
          .map(c -> c.stream().sorted().map(i -> '"' + variables.get(i).key() + '"')
              .collect(Collectors.joining(", ", "[", "]")))
          .collect(Collectors.joining(", "));
      return new Result(variables, Optional.of("circular variable reference detected: " + named));
    }
    List<Variable> out = new ArrayList<>(variables.size());
    for (int i = 0; i < variables.size(); i++) {
      out.add(variables.get(i).withValue(value(i)));
    }
    return new Result(List.copyOf(out), Optional.empty());
  }

  /** The expanded value of variable {@code i}; no cycle can be reached from it. */
  private String value(int i) {
    String done = expanded.get(i);
    if (done != null) {
      return done;
    }
    Variable variable = variables.get(i);
    String result = variable.raw() ? variable.value() : expand(i, variable.value());
    expanded.put(i, result);
    return result;
  }

  private String expand(int self, String value) {
    Matcher m = REFERENCE.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String key = key(m);
      Integer target = key == null ? null : last.get(key);
      String replacement;
      if (target == null || target == self) {
        replacement = m.group();
      } else {
        Variable referenced = variables.get(target);
        replacement = referenced.file() || referenced.raw() ? m.group() : value(target);
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** The referenced name; null for {@code $$}, {@code %%} and {@code ${}}. */
  private static @Nullable String key(Matcher m) {
    for (int g = 1; g <= 3; g++) {
      String group = m.group(g);
      if (group != null) {
        return group;
      }
    }
    return null;
  }

  /** The edges of variable {@code i}: the last variables of the keys its value refers to. */
  private List<Integer> children(int i) {
    return edges.computeIfAbsent(i, this::findChildren);
  }

  private List<Integer> findChildren(int i) {
    Variable v = variables.get(i);
    if (v.raw()) {
      return List.of();
    }
    Set<Integer> children = new LinkedHashSet<>();
    for (String key : references(v.value())) {
      Integer target = last.get(key);
      if (target != null) {
        children.add(target);
      }
    }
    return List.copyOf(children);
  }

  /** Strongly connected components of more than one variable, iteratively (no deep recursion). */
  private final class Tarjan {
    private final int[] index = new int[variables.size()];
    private final int[] low = new int[variables.size()];
    private final boolean[] onStack = new boolean[variables.size()];
    private final List<Integer> stack = new ArrayList<>();
    private final List<List<Integer>> cycles = new ArrayList<>();
    private int counter = 1;

    List<List<Integer>> cycles() {
      for (int i = 0; i < variables.size(); i++) {
        if (index[i] == 0) {
          visit(i);
        }
      }
      return cycles;
    }

    private void visit(int root) {
      List<int[]> work = new ArrayList<>();
      work.add(new int[] {root, 0});
      enter(root);
      while (!work.isEmpty()) {
        int[] frame = work.get(work.size() - 1);
        int node = frame[0];
        List<Integer> children = children(node);
        if (frame[1] < children.size()) {
          int child = children.get(frame[1]++);
          if (index[child] == 0) {
            enter(child);
            work.add(new int[] {child, 0});
          } else if (onStack[child]) {
            low[node] = Math.min(low[node], index[child]);
          }
          continue;
        }
        work.remove(work.size() - 1);
        if (!work.isEmpty()) {
          int parent = work.get(work.size() - 1)[0];
          low[parent] = Math.min(low[parent], low[node]);
        }
        if (low[node] == index[node]) {
          List<Integer> component = new ArrayList<>();
          int member;
          do {
            member = stack.remove(stack.size() - 1);
            onStack[member] = false;
            component.add(member);
          } while (member != node);
          if (component.size() > 1) {
            cycles.add(component);
          }
        }
      }
    }

    private void enter(int node) {
      index[node] = counter;
      low[node] = counter;
      counter++;
      stack.add(node);
      onStack[node] = true;
    }
  }
}
