package dev.ciservices.gitlab.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.events.CollectionEndEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.ReaderException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * Composes YAML text with snakeyaml-engine (keeping line numbers) and turns the node graph into
 * {@link YNode}s the way GitLab's Psych loads it: aliases share their anchor's value, merge keys
 * ({@code <<}) merge in order with later keys winning, duplicate keys keep the last value, plain
 * scalars get YAML 1.1 types, and {@code !reference} sequences become {@link YRef}s.
 */
final class YamlLoader {
  static final String REFERENCE_TAG = "!reference";
  private static final int MAX_DEPTH = Limits.MAX_DEPTH;
  private static final int MAX_ALIASES = 2000;

  private final String file;
  private final Diagnostics diagnostics;
  private final Map<Node, YNode> done = new IdentityHashMap<>();
  private final Set<Node> inProgress = Collections.newSetFromMap(new IdentityHashMap<>());
  private int depth;

  private YamlLoader(String file, Diagnostics diagnostics) {
    this.file = file;
    this.diagnostics = diagnostics;
  }

  /** The documents of a YAML stream, in order; none for an empty stream. */
  static List<YNode> load(String text, String file, Diagnostics diagnostics) {
    LoadSettings settings = LoadSettings.builder()
        .setLabel(file)
        .setAllowDuplicateKeys(true)
        .setAllowNonScalarKeys(true)
        .setMaxAliasesForCollections(MAX_ALIASES)
        .setUseMarks(true)
        // one window for the whole text: with the default 1 KiB window a long token is copied at each
        // refill, quadratic in its length (a 2 MB one-line file took 20 s)
        .setBufferSize(Math.max(1024, text.length() + 1))
        .setCodePointLimit((int) Limits.MAX_FILE_BYTES + 1)
        .build();
    List<Node> nodes = new ArrayList<>();
    try {
      checkDepth(settings, text, file);
      // what snakeyaml-engine's Compose does, from the packages its module exports (it hides api.lowlevel)
      Iterable<Node> documents = () -> new Composer(settings, new ParserImpl(settings, new StreamReader(settings, text)));
      for (Node node : documents) {
        nodes.add(node);
      }
    } catch (MarkedYamlEngineException e) {
      throw syntaxError(file, e);
    } catch (ReaderException e) {
      throw ConfigError.at(new Loc(file, lineAt(text, e.getPosition())), "invalid YAML: the character U+"
          + String.format("%04X", e.getCodePoint()) + " is not allowed in YAML; remove it");
    } catch (YamlEngineException e) {
      throw ConfigError.at(Loc.file(file), "invalid YAML: " + oneLine(String.valueOf(e.getMessage())));
    } catch (StackOverflowError e) {
      throw ConfigError.at(Loc.file(file), "invalid YAML: the values nest too deeply to read");
    }
    YamlLoader loader = new YamlLoader(file, diagnostics);
    List<YNode> documents = new ArrayList<>();
    for (Node node : nodes) {
      documents.add(loader.convert(node));
    }
    return documents;
  }

  /**
   * GitLab's depth limit, checked on the event stream before any node is built: the parser is not
   * recursive, the composer is, so thousands of nested brackets are refused here in one pass.
   */
  private static void checkDepth(LoadSettings settings, String text, String file) {
    int depth = 0;
    // what snakeyaml-engine's Parse does, from the packages its module exports
    Iterable<Event> events = () -> new ParserImpl(settings, new StreamReader(settings, text));
    for (Event event : events) {
      if (event instanceof CollectionStartEvent) {
        if (++depth > MAX_DEPTH) {
          int line = event.getStartMark().map(m -> m.getLine() + 1).orElse(0);
          throw ConfigError.at(new Loc(file, line), "the values nest more than " + MAX_DEPTH + " levels deep, GitLab's"
              + " limit (max_yaml_depth); flatten them");
        }
      } else if (event instanceof CollectionEndEvent) {
        depth--;
      }
    }
  }

  private static ConfigError syntaxError(String file, MarkedYamlEngineException e) {
    Optional<Mark> problemMark = e.getProblemMark();
    Optional<Mark> contextMark = e.getContextMark();
    int line = problemMark.or(() -> contextMark).map(m -> m.getLine() + 1).orElse(0);
    StringBuilder message = new StringBuilder("invalid YAML: ").append(oneLine(String.valueOf(e.getProblem())));
    if (e.getContext() != null && !e.getContext().isBlank()) {
      message.append(" (").append(oneLine(e.getContext()));
      contextMark.filter(m -> m.getLine() + 1 != line).ifPresent(m -> message.append(" at line ").append(m.getLine() + 1));
      message.append(')');
    }
    return ConfigError.at(new Loc(file, line), message.toString());
  }

  private static String oneLine(String s) {
    return s.strip().replaceAll("\\s+", " ");
  }

  private static int lineAt(String text, int codePointIndex) {
    int line = 1;
    int[] cps = text.codePoints().limit(Math.max(0, codePointIndex)).toArray();
    for (int cp : cps) {
      if (cp == '\n') {
        line++;
      }
    }
    return line;
  }

  private Loc loc(Node node) {
    return node.getStartMark().map(m -> new Loc(file, m.getLine() + 1)).orElse(Loc.file(file));
  }

  private YNode convert(Node node) {
    YNode cached = done.get(node);
    if (cached != null) {
      return cached;
    }
    if (!inProgress.add(node)) {
      throw ConfigError.at(loc(node), "an alias refers to the anchor it is inside, a recursive structure GitLab "
          + "cannot read; copy the values instead");
    }
    if (++depth > MAX_DEPTH) {
      throw ConfigError.at(loc(node), "the values nest more than " + MAX_DEPTH + " levels deep, GitLab's limit"
          + " (max_yaml_depth); flatten them");
    }
    try {
      YNode converted;
      if (node instanceof ScalarNode s) {
        converted = scalar(s);
      } else if (node instanceof SequenceNode s) {
        converted = sequence(s);
      } else {
        converted = mapping((MappingNode) node);
      }
      done.put(node, converted);
      return converted;
    } finally {
      inProgress.remove(node);
      depth--;
    }
  }

  private YNode scalar(ScalarNode s) {
    String tag = s.getTag().getValue();
    if (s.isResolved()) {
      return s.isPlain() ? Scalars.plain(s.getValue(), loc(s)) : YScalar.string(s.getValue(), loc(s));
    }
    if (tag.equals(REFERENCE_TAG)) {
      throw ConfigError.at(loc(s), "!reference needs a list of keys, e.g. !reference [.setup, script]");
    }
    if (tag.equals(Tag.STR.getValue()) || tag.equals("!")) {
      return YScalar.string(s.getValue(), loc(s));
    }
    if (tag.equals(Tag.INT.getValue()) || tag.equals(Tag.FLOAT.getValue()) || tag.equals(Tag.BOOL.getValue())
        || tag.equals(Tag.NULL.getValue())) {
      return Scalars.plain(s.getValue(), loc(s));
    }
    throw unknownTag(s);
  }

  private YNode sequence(SequenceNode s) {
    String tag = s.getTag().getValue();
    if (!s.isResolved() && tag.equals(REFERENCE_TAG)) {
      List<String> path = new ArrayList<>();
      for (Node item : s.getValue()) {
        YNode key = convert(item);
        if (!(key instanceof YScalar k) || k.isNull()) {
          throw ConfigError.at(loc(item), "a key of " + REFERENCE_TAG + " must be a name, not " + key.describe()
              + ", e.g. !reference [.setup, script]");
        }
        path.add(k.text());
      }
      if (path.isEmpty()) {
        throw ConfigError.at(loc(s), "!reference [] names no key; name a job and its keys, e.g. "
            + "!reference [.setup, script]");
      }
      return new YRef(path, loc(s));
    }
    if (!s.isResolved() && !tag.equals(Tag.SEQ.getValue())) {
      throw unknownTag(s);
    }
    List<YNode> items = new ArrayList<>();
    for (Node item : s.getValue()) {
      items.add(convert(item));
    }
    return new YSeq(items, loc(s));
  }

  private YNode mapping(MappingNode m) {
    String tag = m.getTag().getValue();
    if (!m.isResolved() && !tag.equals(Tag.MAP.getValue())) {
      if (tag.equals(REFERENCE_TAG)) {
        throw ConfigError.at(loc(m), "!reference needs a list of keys, e.g. !reference [.setup, script]");
      }
      throw unknownTag(m);
    }
    Map<String, YMap.Entry> entries = new LinkedHashMap<>();
    Map<String, Loc> written = new LinkedHashMap<>();
    for (NodeTuple tuple : m.getValue()) {
      Node keyNode = tuple.getKeyNode();
      if (!(keyNode instanceof ScalarNode k)) {
        throw ConfigError.at(loc(keyNode), "a key must be a name, not a " + (keyNode instanceof SequenceNode
            ? "list" : "map") + "; write the key as text");
      }
      String key = k.getValue();
      boolean explicitString = !k.isResolved() && k.getTag().equals(Tag.STR);
      YNode value = convert(tuple.getValueNode());
      if (key.equals("<<") && !explicitString && merge(entries, value)) {
        continue;
      }
      Loc keyLoc = loc(keyNode);
      Loc earlier = written.put(key, keyLoc);
      if (earlier != null) {
        diagnostics.warn(keyLoc, null, "key \"" + key + "\" is also written at line " + earlier.line()
            + " of this map; the last value wins, as in GitLab");
      }
      entries.put(key, new YMap.Entry(key, keyLoc, value));
    }
    return new YMap(entries, loc(m));
  }

  /** Psych's merge key: a map, or a list of maps of which the earlier win, merged over the keys so far. */
  private static boolean merge(Map<String, YMap.Entry> entries, YNode value) {
    if (value instanceof YMap map) {
      entries.putAll(map.entries());
      return true;
    }
    if (value instanceof YSeq seq && seq.items().stream().allMatch(YMap.class::isInstance)) {
      Map<String, YMap.Entry> merged = new LinkedHashMap<>();
      for (int i = seq.items().size() - 1; i >= 0; i--) {
        merged.putAll(((YMap) seq.items().get(i)).entries());
      }
      entries.putAll(merged);
      return true;
    }
    return false;
  }

  private ConfigError unknownTag(Node node) {
    return ConfigError.at(loc(node), "unknown YAML tag " + node.getTag().getValue()
        + "; GitLab CI knows only !reference and the standard tags such as !!str");
  }
}
