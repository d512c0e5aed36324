package dev.ciservices.gitlab.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A job's {@code only} and {@code except}, read when the file is read and evaluated for the
 * variables and checkout at hand as GitLab's server does ({@code Gitlab::Ci::Build::Policy}): the
 * job is added when every key of {@code only} has a condition that holds and no key of {@code
 * except} has one. {@code refs} are the keywords ({@code branches}, {@code tags}, the pipeline
 * sources such as {@code pushes}, {@code schedules}, {@code merge_requests}), a ref name or a
 * {@code /regex/}, each optionally limited to a project by {@code @group/project}; {@code
 * variables} are rule expressions; {@code changes} are matched against the checkout; {@code
 * kubernetes: active} never holds locally (there is no cluster integration).
 *
 * <p>A job without {@code only} gets GitLab's default {@code only: [branches, tags]}
 * ({@code Entry::Policy::DEFAULT_ONLY}) unless it has {@code rules} or the file has {@code workflow:
 * rules}, whose presence removes the default ({@code Entry::Processable#compose!}): see {@link
 * #withDefaultOnly}. A pipeline with neither a branch nor a tag (a detached checkout, a merge request
 * pipeline) does not get such a job.
 */
public final class OnlyExcept {
  private static final Set<String> KEYS = Set.of("refs", "variables", "changes", "kubernetes");

  /** One key of {@code only} or {@code except} as written. */
  private record Policy(String key, List<String> values, List<RuleExpression> expressions) {}

  /** What the reasons say about GitLab's default {@code only}. */
  static final String DEFAULT_NOTE = "(GitLab's default for a job without only, rules and workflow:rules)";

  private static final List<Policy> DEFAULT_ONLY = List.of(new Policy("refs", List.of("branches", "tags"), List.of()));

  private final @Nullable List<Policy> only;
  private final @Nullable List<Policy> except;
  private final boolean defaultOnly;

  private OnlyExcept(@Nullable List<Policy> only, @Nullable List<Policy> except, boolean defaultOnly) {
    this.only = only;
    this.except = except;
    this.defaultOnly = defaultOnly;
  }

  /**
   * The policy GitLab evaluates for a job without {@code rules} in a file without {@code workflow:
   * rules}: {@code given}, with GitLab's default {@code only: [branches, tags]} when it sets no {@code
   * only} (or when the job sets neither {@code only} nor {@code except}, {@code given} is null).
   */
  public static OnlyExcept withDefaultOnly(@Nullable OnlyExcept given) {
    if (given != null && given.only != null) {
      return given;
    }
    return new OnlyExcept(DEFAULT_ONLY, given == null ? null : given.except, true);
  }

  /** Reads the job's {@code only} and {@code except}; null when it sets neither. */
  static @Nullable OnlyExcept read(YMap job, String name) {
    YNode onlyNode = job.getSet("only");
    YNode exceptNode = job.getSet("except");
    if (onlyNode == null && exceptNode == null) {
      return null;
    }
    return new OnlyExcept(onlyNode == null ? null : policies(onlyNode, "jobs:" + name + ":only"),
        exceptNode == null ? null : policies(exceptNode, "jobs:" + name + ":except"), false);
  }

  private static List<Policy> policies(YNode node, String where) {
    List<Policy> out = new ArrayList<>();
    if (!(node instanceof YMap map)) {
      out.add(new Policy("refs", strings(node, where), List.of()));
      return out;
    }
    for (YMap.Entry e : map.entries().values()) {
      if (!KEYS.contains(e.key())) {
        throw ConfigError.at(e.keyLoc(), where + " config contains unknown keys: " + e.key());
      }
      if (e.key().equals("kubernetes")) {
        if (!(e.value() instanceof YScalar s && s.text().equals("active"))) {
          throw ConfigError.at(e.value().loc(), where + ":kubernetes config should be one of: active");
        }
        out.add(new Policy("kubernetes", List.of("active"), List.of()));
        continue;
      }
      List<String> values = strings(e.value(), where + ":" + e.key());
      List<RuleExpression> expressions = new ArrayList<>();
      if (e.key().equals("variables")) {
        for (String v : values) {
          try {
            expressions.add(RuleExpression.parse(v));
          } catch (RuleExpression.SyntaxError error) {
            throw ConfigError.at(e.value().loc(), where + ":variables config should be an array of valid"
                + " expressions (" + error.getMessage() + ")");
          }
        }
      }
      out.add(new Policy(e.key(), values, expressions));
    }
    return out;
  }

  private static List<String> strings(YNode node, String where) {
    if (node instanceof YScalar s && s.isString()) {
      return List.of(s.text());
    }
    if (!(node instanceof YSeq seq)) {
      throw ConfigError.at(node.loc(), where + " config should be an array of strings or regular expressions");
    }
    List<String> out = new ArrayList<>();
    for (YNode item : seq.items()) {
      if (!(item instanceof YScalar s)) {
        throw ConfigError.at(item.loc(), where + " config should be an array of strings or regular expressions");
      }
      out.add(s.text());
    }
    return out;
  }

  /** What evaluation gives: whether GitLab adds the job, and why. */
  public record Decision(boolean included, String reason) {}

  /** Decides for these variables (expanded as GitLab's server has them) and this checkout. */
  public Decision evaluate(Function<String, @Nullable String> variables, Rules.Checkout checkout) {
    if (only != null) {
      for (Policy p : only) {
        if (!holds(p, variables, checkout)) {
          return new Decision(false, "only:" + p.key() + " " + p.values() + (defaultOnly ? " " + DEFAULT_NOTE : "")
              + " does not match" + context(p, variables));
        }
      }
    }
    if (except != null) {
      for (Policy p : except) {
        if (holds(p, variables, checkout)) {
          return new Decision(false, "except:" + p.key() + " " + p.values() + " matches"
              + context(p, variables));
        }
      }
    }
    String onlyMatches = defaultOnly ? "only:refs [branches, tags] " + DEFAULT_NOTE + " matches" : "only matches";
    return new Decision(true, (only == null ? "" : onlyMatches)
        + (only != null && except != null ? ", " : "") + (except == null ? "" : "except does not match"));
  }

  private static String context(Policy p, Function<String, @Nullable String> variables) {
    return switch (p.key()) {
      case "refs" -> " (ref " + quote(variables.apply("CI_COMMIT_REF_NAME")) + ", pipeline source "
          + quote(variables.apply("CI_PIPELINE_SOURCE")) + ", project " + quote(variables.apply("CI_PROJECT_PATH"))
          + ")";
      case "kubernetes" -> " (no Kubernetes integration locally)";
      default -> "";
    };
  }

  private static String quote(@Nullable String value) {
    return value == null ? "none" : "\"" + value + "\"";
  }

  private static boolean holds(Policy p, Function<String, @Nullable String> variables, Rules.Checkout checkout) {
    return switch (p.key()) {
      case "refs" -> p.values().stream().anyMatch(ref -> refMatches(ref, variables));
      case "variables" -> p.expressions().stream().anyMatch(e -> e.evaluate(variables));
      case "changes" -> checkout.changes(p.values(), null).matched();
      default -> false;
    };
  }

  /** GitLab's {@code Policy::Refs#matches_pattern?} and {@code #matches_path?}. */
  static boolean refMatches(String written, Function<String, @Nullable String> variables) {
    int at = written.indexOf('@');
    String pattern = at < 0 ? written : written.substring(0, at);
    if (at >= 0 && !written.substring(at + 1).equals(variables.apply("CI_PROJECT_PATH"))) {
      return false;
    }
    String tag = variables.apply("CI_COMMIT_TAG");
    String branch = variables.apply("CI_COMMIT_BRANCH");
    boolean isTag = tag != null && !tag.isEmpty();
    boolean isBranch = !isTag && branch != null && !branch.isEmpty();
    if (isTag && pattern.equals("tags") || isBranch && pattern.equals("branches")) {
      return true;
    }
    String source = variables.apply("CI_PIPELINE_SOURCE");
    if (source != null) {
      String sanitized = source.endsWith("_event") ? source.substring(0, source.length() - "_event".length()) : source;
      if (pattern.equals(sanitized) || pattern.equals(plural(sanitized))) {
        return true;
      }
    }
    if (!isBranch && !isTag) {
      return false;
    }
    String ref = isTag ? tag : branch;
    Pattern regex = RuleExpression.patternOrNull(pattern);
    return regex != null ? regex.matcher(ref).find() : pattern.equals(ref);
  }

  private static String plural(String word) {
    if (word.endsWith("sh") || word.endsWith("ch") || word.endsWith("s")) {
      return word + "es";
    }
    return word + "s";
  }
}
