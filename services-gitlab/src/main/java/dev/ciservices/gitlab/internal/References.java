package dev.ciservices.gitlab.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * GitLab's {@code !reference [key, key, ...]}: replaced by the value at that path of the extended
 * configuration; references inside the value are resolved too, up to 10 levels. Nested lists that
 * result are kept; the script keywords flatten them, as GitLab does.
 */
final class References {
  private static final int MAX_NESTING = 10;

  private final YMap root;
  private final Map<YNode, YNode> resolved = new IdentityHashMap<>();
  private final Map<List<String>, YNode> targets = new HashMap<>();
  private final Deque<YRef> resolving = new ArrayDeque<>();

  private References(YMap root) {
    this.root = root;
  }

  /** The configuration with every reference resolved; errors name the job that holds the reference. */
  static YMap resolveAll(YMap root, Set<String> reserved) {
    References r = new References(root);
    Map<String, YMap.Entry> entries = new LinkedHashMap<>();
    for (YMap.Entry e : root.entries().values()) {
      try {
        entries.put(e.key(), new YMap.Entry(e.key(), e.keyLoc(), r.resolve(e.value())));
      } catch (ConfigError error) {
        throw reserved.contains(e.key()) ? error : error.inJob(e.key());
      }
    }
    return new YMap(entries, root.loc());
  }

  private YNode resolve(YNode node) {
    YNode done = resolved.get(node);
    if (done != null) {
      return done;
    }
    YNode result;
    if (node instanceof YSeq seq) {
      List<YNode> items = new ArrayList<>();
      seq.items().forEach(i -> items.add(resolve(i)));
      result = new YSeq(items, seq.loc());
    } else if (node instanceof YMap map) {
      Map<String, YMap.Entry> entries = new LinkedHashMap<>();
      for (YMap.Entry e : map.entries().values()) {
        entries.put(e.key(), new YMap.Entry(e.key(), e.keyLoc(), resolve(e.value())));
      }
      result = new YMap(entries, map.loc());
    } else if (node instanceof YRef ref) {
      result = dereference(ref);
    } else {
      result = node;
    }
    resolved.put(node, result);
    return result;
  }

  private YNode dereference(YRef ref) {
    YNode done = targets.get(ref.path());
    if (done != null) {
      return done;
    }
    for (YRef outer : resolving) {
      if (outer.path().equals(ref.path())) {
        List<String> chain = new ArrayList<>();
        resolving.descendingIterator().forEachRemaining(r -> chain.add(r.display()));
        chain.add(ref.display());
        throw ConfigError.at(ref.loc(), ref.display() + " is part of a circular chain: "
            + String.join(" -> ", chain.subList(chain.indexOf(ref.display()), chain.size())));
      }
    }
    if (resolving.size() >= MAX_NESTING) {
      throw ConfigError.at(ref.loc(), ref.display() + ": references nest more than " + MAX_NESTING
          + " levels deep; GitLab allows " + MAX_NESTING);
    }
    YNode target = lookup(ref);
    resolving.push(ref);
    YNode result = resolve(target);
    resolving.pop();
    targets.put(ref.path(), result);
    return result;
  }

  private YNode lookup(YRef ref) {
    YNode node = root;
    List<String> path = ref.path();
    for (int i = 0; i < path.size(); i++) {
      String key = path.get(i);
      String where = i == 0 ? "the top level" : "\"" + String.join(".", path.subList(0, i)) + "\"";
      if (!(node instanceof YMap map)) {
        throw ConfigError.at(ref.loc(), ref.display() + " could not be found: " + where + " is "
            + node.describe() + ", not a map with the key \"" + key + "\"");
      }
      YNode next = map.get(key);
      if (next == null) {
        throw ConfigError.at(ref.loc(), ref.display() + " could not be found: " + where + " has no key \"" + key
            + "\"; its keys are " + keys(map));
      }
      node = next;
    }
    return node;
  }

  private static String keys(YMap map) {
    List<String> keys = new ArrayList<>();
    map.keys().forEach(k -> keys.add('"' + k + '"'));
    return keys.isEmpty() ? "none" : String.join(", ", keys);
  }
}
