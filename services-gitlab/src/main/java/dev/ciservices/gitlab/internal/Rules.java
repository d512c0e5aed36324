package dev.ciservices.gitlab.internal;

import dev.ciservices.Variable;
import dev.ciservices.Variables;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A job's {@code rules} or {@code workflow: rules}, checked when the file is read (GitLab's texts)
 * and evaluated later for the variables and checkout at hand: the first rule whose {@code if},
 * {@code exists} and {@code changes} all hold decides {@code when} and adds its {@code variables}.
 */
public final class Rules {
  private static final Set<String> JOB_KEYS = Set.of("if", "changes", "exists", "when", "start_in", "allow_failure",
      "variables", "needs", "interruptible", "auto_cancel");
  private static final Set<String> WORKFLOW_KEYS = Set.of("if", "changes", "exists", "when", "variables",
      "auto_cancel");
  private static final Set<String> JOB_WHEN = Set.of("on_success", "on_failure", "always", "never", "manual",
      "delayed");
  private static final Set<String> WORKFLOW_WHEN = Set.of("always", "never");
  private static final int MAX_RULES = 50;
  private static final int MAX_NESTING = 10;

  /** One rule as written. */
  record Rule(int index, Loc loc, @Nullable RuleExpression condition, @Nullable List<String> exists,
      @Nullable List<String> changes, @Nullable String compareTo, @Nullable String when, List<Variable> variables) {
    String describe() {
      List<String> parts = new ArrayList<>();
      if (condition != null) {
        parts.add("if: " + condition.text());
      }
      if (exists != null) {
        parts.add("exists: " + exists);
      }
      if (changes != null) {
        parts.add("changes: " + changes + (compareTo == null ? "" : " compared to " + compareTo));
      }
      return parts.isEmpty() ? "(no condition)" : String.join(", ", parts);
    }
  }

  /** What evaluation gives. */
  public record Decision(String when, String reason, List<Variable> variables) {}

  /** What a rule's {@code exists} and {@code changes} are matched against. */
  public interface Checkout {
    /** Whether any file of the project matches one of the patterns. */
    boolean exists(List<String> patterns);

    /** Whether a changed file matches one of the patterns, and how the changes were found. */
    Changes changes(List<String> patterns, @Nullable String compareTo);
  }

  /** The result of {@link Checkout#changes}. */
  public record Changes(boolean matched, String how) {}

  private final String path;
  private final List<Rule> rules;

  private Rules(String path, List<Rule> rules) {
    this.path = path;
    this.rules = List.copyOf(rules);
  }

  /**
   * Reads {@code rules}; {@code where} is GitLab's prefix, e.g. {@code jobs:test} or {@code workflow}.
   *
   * @throws ConfigError with GitLab's text for what GitLab rejects
   */
  static Rules read(YNode node, String where, boolean workflow, Diagnostics warnings, @Nullable String job) {
    if (!(node instanceof YSeq seq)) {
      throw ConfigError.at(node.loc(), where + ":rules config should be an array of hashes");
    }
    List<YMap> flat = new ArrayList<>();
    flatten(seq, where, flat, 1);
    if (flat.size() > MAX_RULES) {
      throw ConfigError.at(seq.loc(), where + ":rules config has too many entries (maximum " + MAX_RULES + ")");
    }
    List<Rule> rules = new ArrayList<>();
    String rule = where + ":rules:rule";
    for (int i = 0; i < flat.size(); i++) {
      YMap map = flat.get(i);
      List<String> unknown = map.keys().stream().filter(k -> !(workflow ? WORKFLOW_KEYS : JOB_KEYS).contains(k)).toList();
      if (!unknown.isEmpty()) {
        throw ConfigError.at(map.keyLoc(unknown.get(0)), rule + " config contains unknown keys: "
            + String.join(", ", unknown));
      }
      RuleExpression condition = null;
      YNode ifNode = map.getSet("if");
      if (ifNode != null) {
        if (!(ifNode instanceof YScalar s && s.isString())) {
          throw ConfigError.at(ifNode.loc(), rule + " if should be a string");
        }
        try {
          condition = RuleExpression.parse(s.text());
        } catch (RuleExpression.SyntaxError e) {
          throw ConfigError.at(ifNode.loc(), rule + " if invalid expression syntax (" + e.getMessage() + ")");
        }
      }
      List<String> exists = null;
      YNode existsNode = map.getSet("exists");
      if (existsNode != null) {
        YNode paths = existsNode instanceof YMap m ? m.getSet("paths") : existsNode;
        exists = patterns(paths == null ? existsNode : paths, rule + ":exists");
      }
      List<String> changes = null;
      String compareTo = null;
      YNode changesNode = map.getSet("changes");
      if (changesNode != null) {
        YNode paths = changesNode instanceof YMap m ? m.getSet("paths") : changesNode;
        if (changesNode instanceof YMap m && m.getSet("compare_to") != null) {
          compareTo = Values.string(m.getSet("compare_to"), rule + ":changes:compare_to", "compare_to: refs/heads/main");
        }
        changes = patterns(paths == null ? changesNode : paths, rule + ":changes");
      }
      String when = null;
      YNode whenNode = map.getSet("when");
      if (whenNode != null) {
        String w = whenNode instanceof YScalar s ? s.text() : whenNode.describe();
        if (!(workflow ? WORKFLOW_WHEN : JOB_WHEN).contains(w)) {
          throw ConfigError.at(whenNode.loc(), rule + " when unknown value: " + w);
        }
        when = w;
      }
      YNode vars = map.getSet("variables");
      List<Variable> variables = vars == null ? List.of()
          : Values.variables(vars, where + ":rules[" + i + "]:variables", warnings, job);
      rules.add(new Rule(i, map.loc(), condition, exists, changes, compareTo, when, variables));
    }
    return new Rules(workflow ? "workflow:rules" : "rules", rules);
  }

  private static void flatten(YSeq seq, String where, List<YMap> out, int level) {
    if (level > MAX_NESTING) {
      throw ConfigError.at(seq.loc(), where + ":rules nests lists more than " + MAX_NESTING + " levels deep");
    }
    for (YNode item : seq.items()) {
      if (item instanceof YSeq nested) {
        flatten(nested, where, out, level + 1);
      } else if (item instanceof YMap map) {
        out.add(map);
      } else {
        throw ConfigError.at(item.loc(), where + ":rules config should be an array of hashes");
      }
    }
  }

  private static List<String> patterns(YNode node, String where) {
    if (node instanceof YScalar s && s.isString()) {
      return List.of(s.text());
    }
    if (!(node instanceof YSeq seq)) {
      throw ConfigError.at(node.loc(), where + " config should be an array of strings");
    }
    List<String> out = new ArrayList<>();
    for (YNode item : seq.items()) {
      if (!(item instanceof YScalar s && s.isString())) {
        throw ConfigError.at(item.loc(), where + " config should be an array of strings");
      }
      out.add(s.text());
    }
    return out;
  }

  /**
   * Decides for these variables (the job's, expanded as GitLab's server has them).
   *
   * @param defaultWhen the job's {@code when}, which a matching rule without {@code when} takes
   */
  public Decision evaluate(List<Variable> variables, Checkout checkout, String defaultWhen) {
    List<Variable> expanded = Variables.sortAndExpand(variables).variables();
    Function<String, @Nullable String> lookup = name -> Variables.lastValue(name, expanded);
    for (Rule rule : rules) {
      if (rule.condition() != null && !rule.condition().evaluate(lookup)) {
        continue;
      }
      if (rule.exists() != null && !checkout.exists(expandAll(rule.exists(), expanded))) {
        continue;
      }
      String how = "";
      if (rule.changes() != null) {
        Changes changes = checkout.changes(expandAll(rule.changes(), expanded), rule.compareTo());
        if (!changes.matched()) {
          continue;
        }
        how = " (" + changes.how() + ")";
      }
      String when = rule.when() != null ? rule.when() : defaultWhen;
      return new Decision(when, path + "[" + rule.index() + "] matched: " + rule.describe() + how
          + (rule.when() != null ? ", when: " + rule.when() : ""), rule.variables());
    }
    return new Decision("never", "no rule of " + path + " matched", List.of());
  }

  private static List<String> expandAll(List<String> patterns, List<Variable> variables) {
    return patterns.stream().map(p -> Variables.expand(p, variables)).toList();
  }
}
