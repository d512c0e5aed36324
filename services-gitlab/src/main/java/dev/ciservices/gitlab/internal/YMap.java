package dev.ciservices.gitlab.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A mapping with string keys, in the order Ruby's {@code Hash} would keep them. */
public record YMap(Map<String, Entry> entries, Loc loc) implements YNode {

  /** One key, where the key is written, and its value. */
  public record Entry(String key, Loc keyLoc, YNode value) {}

  /** Copies the entries, keeping their order. */
  public YMap {
    entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
  }

  /** An empty map. */
  public static YMap empty(Loc loc) {
    return new YMap(Map.of(), loc);
  }

  /** The value of a key, or null when the key is absent. */
  public @Nullable YNode get(String key) {
    Entry e = entries.get(key);
    return e == null ? null : e.value();
  }

  /** The value of a key, or null when the key is absent or its value is a YAML null. */
  public @Nullable YNode getSet(String key) {
    YNode v = get(key);
    return v == null || v.isNull() ? null : v;
  }

  /** Where the key is written, or where the map is when the key is absent. */
  public Loc keyLoc(String key) {
    Entry e = entries.get(key);
    return e == null ? loc : e.keyLoc();
  }

  /** The keys in order. */
  public List<String> keys() {
    return List.copyOf(entries.keySet());
  }

  /** This map without a key. */
  public YMap without(String key) {
    Map<String, Entry> copy = new LinkedHashMap<>(entries);
    copy.remove(key);
    return new YMap(copy, loc);
  }

  @Override
  public String describe() {
    return "a map";
  }
}
