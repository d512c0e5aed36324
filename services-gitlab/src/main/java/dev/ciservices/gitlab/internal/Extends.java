package dev.ciservices.gitlab.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * GitLab's {@code extends}: a job is its parents deep-merged in order (later parents win), then the
 * job itself over them; parents are extended first, up to 10 levels. Every top-level job and
 * template is extended, hidden ones too, before any {@code !reference} is resolved.
 */
final class Extends {
  private static final int MAX_LEVELS = 10;

  private final YMap root;
  private final Set<String> reserved;
  private final List<Includes.Missing> missing;
  private final Map<String, YMap> extended = new HashMap<>();

  private Extends(YMap root, Set<String> reserved, List<Includes.Missing> missing) {
    this.root = root;
    this.reserved = reserved;
    this.missing = missing;
  }

  /**
   * The configuration extended, and the jobs that extend a name that may come from an include
   * that could not be read (those are left out of the configuration, with their error).
   */
  record Result(YMap root, Map<String, ConfigError> broken, List<YMap.Entry> order) {}

  /** A parent that is not defined while some includes could not be read. */
  static final class MissingParent extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient ConfigError error;

    MissingParent(ConfigError error) {
      super(error.getMessage(), null, false, false);
      this.error = error;
    }
  }

  /** The configuration with every job and template extended. */
  static YMap apply(YMap root, Set<String> reserved) {
    return apply(root, reserved, List.of()).root();
  }

  /** As {@link #apply(YMap, Set)}, reporting jobs that need a missing include instead of failing. */
  static Result apply(YMap root, Set<String> reserved, List<Includes.Missing> missing) {
    Extends e = new Extends(root, reserved, missing);
    Map<String, YMap.Entry> entries = new LinkedHashMap<>();
    Map<String, ConfigError> broken = new LinkedHashMap<>();
    for (YMap.Entry entry : root.entries().values()) {
      if (!reserved.contains(entry.key()) && entry.value() instanceof YMap) {
        try {
          entries.put(entry.key(), new YMap.Entry(entry.key(), entry.keyLoc(),
              e.extend(entry.key(), new ArrayList<>())));
        } catch (MissingParent m) {
          broken.put(entry.key(), m.error.inJob(entry.key()));
        }
      } else {
        entries.put(entry.key(), entry);
      }
    }
    return new Result(new YMap(entries, root.loc()), broken, List.copyOf(root.entries().values()));
  }

  private YMap extend(String key, List<String> chain) {
    YMap done = extended.get(key);
    if (done != null) {
      return done;
    }
    YMap job = (YMap) java.util.Objects.requireNonNull(root.get(key), key);
    YNode value = job.getSet("extends");
    if (value == null) {
      extended.put(key, job);
      return job;
    }
    Loc at = job.keyLoc("extends");
    if (chain.contains(key)) {
      List<String> cycle = new ArrayList<>(chain.subList(chain.indexOf(key), chain.size()));
      cycle.add(key);
      String last = chain.get(chain.size() - 1);
      throw new ConfigError(((YMap) java.util.Objects.requireNonNull(root.get(last), last)).keyLoc("extends"), last,
          "extends: circular chain " + String.join(" -> ", cycle) + "; remove one of these extends");
    }
    if (chain.size() >= MAX_LEVELS) {
      List<String> path = new ArrayList<>(chain);
      path.add(key);
      throw new ConfigError(at, key, "extends: nesting too deep: " + String.join(" -> ", path)
          + " is more than " + MAX_LEVELS + " levels; GitLab allows " + MAX_LEVELS);
    }
    chain.add(key);
    YMap merged = YMap.empty(job.loc());
    for (YScalar parent : parents(key, value)) {
      YNode base = root.get(parent.text());
      if ((base == null || reserved.contains(parent.text())) && !missing.isEmpty()) {
        List<String> through = new ArrayList<>(chain.subList(1, chain.size()));
        through.add(parent.text());
        String names = through.stream().map(n -> '"' + n + '"').collect(java.util.stream.Collectors.joining(", which extends "));
        String from = (missing.size() == 1 ? "which comes from " : "which may come from ")
            + Includes.Missing.describeAll(missing);
        throw new MissingParent(new ConfigError(parent.loc(), chain.get(0), "extends " + names + ", " + from));
      }
      if (base == null || reserved.contains(parent.text())) {
        throw new ConfigError(parent.loc(), key, "extends: \"" + parent.text() + "\" is not defined; the jobs and "
            + "templates are " + candidates());
      }
      if (!(base instanceof YMap)) {
        throw new ConfigError(parent.loc(), key, "extends: \"" + parent.text() + "\" is " + base.describe()
            + ", not a map of job keywords");
      }
      merged = Merge.deep(merged, extend(parent.text(), chain));
    }
    chain.remove(chain.size() - 1);
    YMap result = Merge.deep(merged, job);
    extended.put(key, result);
    return result;
  }

  private static List<YScalar> parents(String key, YNode value) {
    List<YNode> items = value instanceof YSeq seq ? seq.items() : List.of(value);
    List<YScalar> parents = new ArrayList<>();
    for (YNode item : items) {
      if (!(item instanceof YScalar s && s.isString())) {
        throw new ConfigError(item.loc(), key, "extends must be a job name or a list of job names, not "
            + item.describe() + "; e.g. extends: .tests");
      }
      parents.add(s);
    }
    return parents;
  }

  private String candidates() {
    List<String> names = new ArrayList<>();
    for (YMap.Entry e : root.entries().values()) {
      if (!reserved.contains(e.key()) && e.value() instanceof YMap) {
        names.add('"' + e.key() + '"');
      }
    }
    return names.isEmpty() ? "none" : String.join(", ", names);
  }
}
