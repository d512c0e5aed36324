package dev.ciservices.gitlab.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * GitLab's {@code spec: inputs} and {@code include: inputs}: every {@code $[[ inputs.NAME ]]} in the
 * file's string values is replaced by the given value or the default, after the values are checked
 * against each input's {@code type}, {@code options} and {@code regex}, with GitLab's messages. A
 * value that is one whole interpolation of a boolean, number or array input keeps that type.
 */
final class Inputs {
  private static final Pattern INTERPOLATION = Pattern.compile("\\$\\[\\[\\s*inputs\\.([A-Za-z0-9_-]+)\\s*]]");
  private static final Pattern ANY_INTERPOLATION = Pattern.compile("\\$\\[\\[(.*?)]]");
  private static final int MAX_VALUE = 1024 * 1024;

  private final Map<String, YNode> values;
  private final String file;

  private Inputs(Map<String, YNode> values, String file) {
    this.values = values;
    this.file = file;
  }

  /**
   * The content with its inputs interpolated.
   *
   * @param spec the file's {@code spec:} header, or null
   * @param given the include's {@code inputs:}, or null
   * @param at where the include is written, for errors about the given values
   */
  static YMap apply(YMap content, @Nullable YMap spec, @Nullable YNode given, Loc at, String file) {
    YNode declared = spec == null ? null : spec.getSet("inputs");
    if (declared == null && given == null) {
      return content;
    }
    YMap inputs = declared instanceof YMap m ? m : YMap.empty(spec == null ? at : spec.loc());
    if (declared != null && !(declared instanceof YMap)) {
      throw ConfigError.at(declared.loc(), "spec:inputs config must be a hash");
    }
    if (given != null && !(given instanceof YMap)) {
      throw ConfigError.at(given.loc(), "include:inputs config must be a hash");
    }
    YMap args = given == null ? YMap.empty(at) : (YMap) given;
    List<String> unknown = args.keys().stream().filter(k -> inputs.get(k) == null).toList();
    if (!unknown.isEmpty()) {
      throw ConfigError.at(args.loc(), file + ": unknown input arguments: " + String.join(", ", unknown));
    }
    Map<String, YNode> values = new LinkedHashMap<>();
    for (YMap.Entry e : inputs.entries().values()) {
      YMap definition = e.value() instanceof YMap d ? d : YMap.empty(e.keyLoc());
      YNode value = args.get(e.key());
      if (value == null) {
        value = definition.get("default");
        if (value == null) {
          throw ConfigError.at(at, file + ": `" + e.key() + "` input: required value has not been provided");
        }
      }
      check(e.key(), definition, value, at, file);
      values.put(e.key(), value);
    }
    return (YMap) new Inputs(values, file).walk(content);
  }

  private static void check(String name, YMap definition, YNode value, Loc at, String file) {
    String type = definition.getSet("type") instanceof YScalar t ? t.text() : "string";
    String prefix = file + ": `" + name + "` input: ";
    boolean ok = switch (type) {
      case "string" -> value instanceof YScalar s && (s.isString() || s.isNull());
      case "number" -> value instanceof YScalar s && (s.kind() == YScalar.Kind.INT || s.kind() == YScalar.Kind.FLOAT);
      case "boolean" -> value instanceof YScalar s && s.kind() == YScalar.Kind.BOOL;
      case "array" -> value instanceof YSeq;
      default -> throw ConfigError.at(definition.loc(), prefix + "unknown input type `" + type + "`");
    };
    if (!ok) {
      throw ConfigError.at(value.loc().line() > 0 ? value.loc() : at, prefix + "provided value is not a " + type);
    }
    if (definition.getSet("options") instanceof YSeq options && value instanceof YScalar s
        && options.items().stream().noneMatch(o -> o instanceof YScalar os && os.value().equals(s.value()))) {
      throw ConfigError.at(value.loc(), prefix + "`" + s.value() + "` cannot be used because it is not in the list of"
          + " allowed options");
    }
    if (definition.getSet("regex") instanceof YScalar regex && value instanceof YScalar s) {
      String re = regex.text().startsWith("/") && regex.text().lastIndexOf('/') > 0
          ? regex.text().substring(1, regex.text().lastIndexOf('/')) : regex.text();
      boolean matches;
      try {
        matches = Pattern.compile(re).matcher(s.value()).find();
      } catch (PatternSyntaxException e) {
        throw ConfigError.at(regex.loc(), prefix + "invalid regular expression");
      }
      if (!matches) {
        throw ConfigError.at(value.loc(), prefix + "provided value does not match required RE2 regular expression");
      }
    }
  }

  private YNode walk(YNode node) {
    if (node instanceof YMap map) {
      Map<String, YMap.Entry> entries = new LinkedHashMap<>();
      for (YMap.Entry e : map.entries().values()) {
        String key = interpolateText(e.key(), e.keyLoc());
        entries.put(key, new YMap.Entry(key, e.keyLoc(), walk(e.value())));
      }
      return new YMap(entries, map.loc());
    }
    if (node instanceof YSeq seq) {
      List<YNode> items = new ArrayList<>();
      seq.items().forEach(i -> items.add(walk(i)));
      return new YSeq(items, seq.loc());
    }
    if (node instanceof YScalar s && s.isString() && s.text().contains("$[[")) {
      Matcher whole = INTERPOLATION.matcher(s.text().strip());
      if (whole.matches()) {
        YNode value = value(whole.group(1), s.loc());
        return relocate(value, s.loc());
      }
      String text = interpolateText(s.text(), s.loc());
      return YScalar.string(text, s.loc());
    }
    return node;
  }

  private String interpolateText(String text, Loc loc) {
    if (!text.contains("$[[")) {
      return text;
    }
    Matcher any = ANY_INTERPOLATION.matcher(text);
    StringBuilder out = new StringBuilder();
    while (any.find()) {
      Matcher m = INTERPOLATION.matcher(any.group());
      if (!m.matches()) {
        throw ConfigError.at(loc, file + ": unknown interpolation key: `" + any.group(1).strip() + "`");
      }
      YNode value = value(m.group(1), loc);
      String replacement = value instanceof YScalar s ? s.value() : value.describe();
      any.appendReplacement(out, Matcher.quoteReplacement(replacement));
      if (out.length() > MAX_VALUE) {
        throw ConfigError.at(loc, file + ": an interpolated value is longer than " + MAX_VALUE + " characters");
      }
    }
    any.appendTail(out);
    return out.toString();
  }

  private YNode value(String name, Loc loc) {
    YNode value = values.get(name);
    if (value == null) {
      throw ConfigError.at(loc, file + ": unknown interpolation key: `" + name + "`");
    }
    return value;
  }

  private static YNode relocate(YNode value, Loc loc) {
    if (value instanceof YScalar s) {
      return new YScalar(s.text(), s.kind(), s.value(), loc);
    }
    return value;
  }
}
