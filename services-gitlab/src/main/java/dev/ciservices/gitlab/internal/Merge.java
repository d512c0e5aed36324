package dev.ciservices.gitlab.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * GitLab's deep merge (Rails' {@code Hash#deep_merge}), used by {@code extends} and {@code include}:
 * where both sides hold a map the maps merge recursively; anything else, lists included, is replaced
 * by the later side. Keys keep the position they first had. Values only one side has are shared,
 * not copied, so a subtree used through many aliases is never walked more than once per merge.
 */
final class Merge {
  private Merge() {}

  /** {@code base} deep-merged with {@code over}; {@code over} wins. The result is where {@code over} is. */
  static YMap deep(YMap base, YMap over) {
    if (base == over) {
      return over; // a value shared through an alias: merged with itself it is itself, whatever its size
    }
    Map<String, YMap.Entry> merged = new LinkedHashMap<>(base.entries());
    for (YMap.Entry e : over.entries().values()) {
      YMap.Entry existing = merged.get(e.key());
      if (existing != null && existing.value() instanceof YMap b && e.value() instanceof YMap o) {
        merged.put(e.key(), new YMap.Entry(e.key(), e.keyLoc(), deep(b, o)));
      } else {
        merged.put(e.key(), e);
      }
    }
    return new YMap(merged, over.loc());
  }
}
