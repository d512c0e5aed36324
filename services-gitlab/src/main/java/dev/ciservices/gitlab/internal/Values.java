package dev.ciservices.gitlab.internal;

import dev.ciservices.Variable;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Typed reads of YAML values, each failing with the value's path, its type, and a fix. */
final class Values {
  private static final Set<String> VARIABLE_KEYS = Set.of("value", "description", "expand", "options");
  private static final int MAX_SCRIPT_NESTING = 10;
  private static final int MAX_COMMANDS = 10_000;

  private Values() {}

  static ConfigError typeError(String path, String expected, YNode actual, String fix) {
    return ConfigError.at(actual.loc(), path + " must be " + expected + ", not " + actual.describe() + "; " + fix);
  }

  /** An image name: a non-blank string. */
  static String name(YNode node, String path, String example) {
    if (!(node instanceof YScalar s) || !s.isString()) {
      throw typeError(path, "an image name", node, "e.g. " + example);
    }
    if (s.text().isBlank()) {
      throw ConfigError.at(node.loc(), path + " is empty; give an image name, e.g. " + example);
    }
    return s.text();
  }

  /** A string. */
  static String string(YNode node, String path, String example) {
    if (!(node instanceof YScalar s) || !s.isString()) {
      throw typeError(path, "a string", node, "e.g. " + example);
    }
    return s.text();
  }

  /** A list of strings, as {@code entrypoint} and {@code command} take: GitLab accepts nothing else. */
  static List<String> stringList(YNode node, String path, String example) {
    if (!(node instanceof YSeq seq)) {
      throw typeError(path, "a list of strings", node, "e.g. " + example);
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < seq.items().size(); i++) {
      YNode item = seq.items().get(i);
      if (!(item instanceof YScalar s) || !s.isString()) {
        throw typeError(path + "[" + i + "]", "a string", item, quoteFix(item));
      }
      out.add(s.text());
    }
    return out;
  }

  /** One string, or a list of strings ({@code pull_policy}). */
  static List<String> stringOrList(YNode node, String path, String example) {
    if (node instanceof YScalar s && s.isString()) {
      return List.of(s.text());
    }
    if (node instanceof YSeq) {
      return stringList(node, path, example);
    }
    throw typeError(path, "a string or a list of strings", node, "e.g. " + example);
  }

  /** A boolean: {@code true}/{@code false} and YAML 1.1's {@code yes}, {@code no}, {@code on}, {@code off}. */
  static boolean bool(YNode node, String path) {
    if (node instanceof YScalar s && s.kind() == YScalar.Kind.BOOL) {
      return s.value().equals("true");
    }
    throw typeError(path, "true or false", node, "write true or false without quotes");
  }

  /**
   * A script keyword: a string, or a list of strings and lists (up to 10 levels deep), flattened as
   * GitLab flattens the nested lists that anchors and {@code !reference} produce.
   */
  static List<String> script(YNode node, String path) {
    if (node instanceof YScalar s && s.isString()) {
      return List.of(s.text());
    }
    if (!(node instanceof YSeq seq)) {
      throw typeError(path, "a string or a list of strings", node, node instanceof YMap
          ? "a command holding \": \" must be quoted, e.g. - 'echo \"key: value\"'" : quoteFix(node));
    }
    List<String> out = new ArrayList<>();
    flatten(seq, path, out, 1);
    return out;
  }

  private static void flatten(YSeq seq, String path, List<String> out, int level) {
    if (level > MAX_SCRIPT_NESTING) {
      throw ConfigError.at(seq.loc(), path + " nests lists more than " + MAX_SCRIPT_NESTING
          + " levels deep; GitLab allows " + MAX_SCRIPT_NESTING);
    }
    for (int i = 0; i < seq.items().size(); i++) {
      YNode item = seq.items().get(i);
      String p = path + "[" + i + "]";
      if (item instanceof YSeq nested) {
        flatten(nested, p, out, level + 1);
      } else if (item instanceof YScalar s && s.isString()) {
        if (out.size() == MAX_COMMANDS) {
          throw ConfigError.at(item.loc(), p + ": the script holds more than " + MAX_COMMANDS
              + " commands once its nested lists are flattened; share fewer copies of the anchored lists");
        }
        out.add(s.text());
      } else {
        throw typeError(p, "a string", item, item instanceof YMap
            ? "a command holding \": \" must be quoted, e.g. - 'echo \"key: value\"'" : quoteFix(item));
      }
    }
  }

  private static String quoteFix(YNode node) {
    if (node instanceof YScalar s && !s.isNull()) {
      return "quote it: \"" + s.text() + "\"";
    }
    return "write a string";
  }

  /**
   * A {@code variables:} map: values are strings, numbers or booleans (taken as GitLab's Ruby prints
   * them), or maps with {@code value}, {@code description}, {@code expand} and {@code options}.
   */
  static List<Variable> variables(YNode node, String path, Diagnostics warnings, @Nullable String job) {
    if (!(node instanceof YMap map)) {
      throw typeError(path, "a map of names to values", node, "e.g. variables: {POSTGRES_DB: test}");
    }
    List<Variable> out = new ArrayList<>();
    for (YMap.Entry e : map.entries().values()) {
      String p = path + "." + e.key();
      YNode v = e.value();
      String value;
      boolean raw = false;
      if (v instanceof YScalar s) {
        value = scalarValue(s, p, warnings, job);
      } else if (v instanceof YMap full) {
        for (String key : full.keys()) {
          if (!VARIABLE_KEYS.contains(key)) {
            throw ConfigError.at(full.keyLoc(key), p + ": unknown key \"" + key
                + "\"; a variable takes value, description, expand and options");
          }
        }
        YNode given = full.get("value");
        if (given == null) {
          value = "";
        } else if (given instanceof YScalar s) {
          value = scalarValue(s, p + ".value", warnings, job);
        } else {
          throw typeError(p + ".value", "a string", given, "e.g. value: \"test\"");
        }
        YNode expand = full.getSet("expand");
        raw = expand != null && !bool(expand, p + ".expand");
      } else {
        throw typeError(p, "a string or a map with value:", v, "e.g. " + e.key() + ": \"value\"");
      }
      Variable variable;
      try {
        variable = Variable.of(e.key(), value);
      } catch (IllegalArgumentException ex) {
        throw ConfigError.at(e.keyLoc(), path + ": " + ex.getMessage());
      }
      out.add(raw ? variable.withRaw(true) : variable);
    }
    return out;
  }

  private static String scalarValue(YScalar s, String path, Diagnostics warnings, @Nullable String job) {
    if (!s.isString() && !s.isNull() && !s.value().equals(s.text())) {
      warnings.warn(s.loc(), job, path + ": " + s.text() + " is read as the " + kindName(s.kind()) + " "
          + s.value() + " (YAML 1.1, as GitLab reads it); quote it, \"" + s.text() + "\", to keep the text");
    }
    return s.value();
  }

  private static String kindName(YScalar.Kind kind) {
    return switch (kind) {
      case BOOL -> "boolean";
      case INT -> "integer";
      case FLOAT -> "float";
      default -> "value";
    };
  }
}
