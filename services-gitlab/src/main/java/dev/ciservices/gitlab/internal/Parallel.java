package dev.ciservices.gitlab.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * GitLab's {@code parallel}: {@code parallel: N} gives jobs {@code name 1/N} ... {@code name N/N};
 * {@code parallel: matrix} gives one job per combination of each entry's values (the first key's
 * values outermost), named {@code name: [v1, v2]} with the values in key order, as GitLab's
 * {@code MatrixStrategy} names them. Each instance has {@code CI_NODE_INDEX} and {@code CI_NODE_TOTAL}.
 */
final class Parallel {
  private static final int MAX = 200;

  /** One job of a parallel job. */
  record Instance(String name, Map<String, String> matrix, int index, int total) {}

  private Parallel() {}

  /** The instances, or null when the job is not parallel. */
  static @Nullable List<Instance> instances(String job, YMap config) {
    YNode parallel = config.getSet("parallel");
    if (parallel == null) {
      return null;
    }
    String where = "jobs:" + job + ":parallel";
    if (parallel instanceof YScalar s && s.kind() == YScalar.Kind.INT) {
      long n;
      try {
        n = Long.parseLong(s.value());
      } catch (NumberFormatException e) {
        n = Long.MAX_VALUE;
      }
      if (n < 1) {
        throw ConfigError.at(s.loc(), where + " config must be greater than or equal to 1");
      }
      if (n > MAX) {
        throw ConfigError.at(s.loc(), where + " config must be less than or equal to " + MAX);
      }
      List<Instance> out = new ArrayList<>();
      for (int i = 1; i <= n; i++) {
        out.add(new Instance(job + " " + i + "/" + n, Map.of(), i, (int) n));
      }
      return out;
    }
    if (!(parallel instanceof YMap map) || map.getSet("matrix") == null) {
      throw ConfigError.at(parallel.loc(), where + " should be an integer or a hash");
    }
    for (String key : map.keys()) {
      if (!key.equals("matrix")) {
        throw ConfigError.at(map.keyLoc(key), where + " config contains unknown keys: " + key);
      }
    }
    if (!(map.getSet("matrix") instanceof YSeq entries)) {
      throw ConfigError.at(map.getSet("matrix").loc(), where + ":matrix config should be an array of hashes");
    }
    List<Map<String, String>> combinations = new ArrayList<>();
    for (YNode entry : entries.items()) {
      if (!(entry instanceof YMap vars) || vars.keys().isEmpty()) {
        throw ConfigError.at(entry.loc(), where + ":matrix config should be an array of hashes");
      }
      List<Map<String, String>> product = new ArrayList<>();
      product.add(new LinkedHashMap<>());
      for (YMap.Entry e : vars.entries().values()) {
        List<String> values = values(e.value(), where + ":matrix");
        List<Map<String, String>> next = new ArrayList<>();
        for (Map<String, String> partial : product) {
          for (String value : values) {
            Map<String, String> extended = new LinkedHashMap<>(partial);
            extended.put(e.key(), value);
            next.add(extended);
            if (combinations.size() + next.size() > MAX) {
              throw ConfigError.at(entries.loc(), where + ":matrix config generates too many jobs (maximum is "
                  + MAX + ")");
            }
          }
        }
        product = next;
      }
      combinations.addAll(product);
    }
    if (combinations.isEmpty()) {
      throw ConfigError.at(entries.loc(), where + ":matrix config should be an array of hashes");
    }
    List<Instance> out = new ArrayList<>();
    for (int i = 0; i < combinations.size(); i++) {
      Map<String, String> vars = combinations.get(i);
      out.add(new Instance(job + ": [" + String.join(", ", vars.values()) + "]", Collections.unmodifiableMap(vars), i + 1,
          combinations.size()));
    }
    return out;
  }

  private static List<String> values(YNode node, String where) {
    if (node instanceof YScalar s && !s.isNull()) {
      return List.of(s.value());
    }
    if (node instanceof YSeq seq && !seq.items().isEmpty()) {
      List<String> out = new ArrayList<>();
      for (YNode item : seq.items()) {
        if (!(item instanceof YScalar s) || s.isNull()) {
          throw ConfigError.at(item.loc(), where + " config should be an array of hashes with strings or arrays of"
              + " strings as values");
        }
        out.add(s.value());
      }
      return out;
    }
    throw ConfigError.at(node.loc(), where + " config should be an array of hashes with strings or arrays of strings"
        + " as values");
  }
}
