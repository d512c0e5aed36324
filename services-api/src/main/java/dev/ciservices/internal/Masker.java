package dev.ciservices.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one masking boundary: replaces every occurrence of every masked value by {@code [MASKED]},
 * longest value first, in any text that leaves the library (trace, service logs, plan, JSON, docker
 * commands, exception messages, names, labels). Immutable and thread-safe.
 *
 * <p>Values are masked wherever they occur, so a public variable whose value was expanded from a
 * masked one ({@code DB_URL: postgres://u:$DB_PASSWORD@db}) shows as {@code postgres://u:[MASKED]@db}.
 * Each line of a multi-line value is masked on its own too, for output that goes line by line.
 */
public final class Masker {
  /** What replaces a masked value in text. */
  public static final String MASKED = "[MASKED]";
  /** What replaces a masked value in a Docker name or label, where brackets are not allowed. */
  public static final String MASKED_IN_NAME = "masked";
  /** GitLab's minimum length of a masked value. */
  public static final int MIN_LENGTH = 8;
  /** The characters GitLab can mask: the Base64 alphabet (RFC 4648, both variants) and {@code @ : . ~}. */
  private static final Pattern MASKABLE = Pattern.compile("[A-Za-z0-9+/=@:.~_-]+");

  /** A masker that masks nothing. */
  public static final Masker NONE = new Masker(List.of());

  private final List<String> values;

  /** A masker for these values; empty values are ignored. */
  public Masker(Collection<String> values) {
    Set<String> all = new LinkedHashSet<>();
    for (String value : values) {
      if (value.isEmpty()) {
        continue;
      }
      all.add(value);
      if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
        for (String line : value.split("\r?\n|\r")) {
          if (!line.isBlank()) {
            all.add(line);
          }
        }
      }
    }
    List<String> sorted = new ArrayList<>(all);
    sorted.sort((a, b) -> b.length() - a.length());
    this.values = List.copyOf(sorted);
  }

  /**
   * The masker of a plan, for backends: the values {@link dev.ciservices.JobPlan#mask} replaces
   * ({@link dev.ciservices.JobPlan#maskedValues()}), so the plan's public API names no internal type.
   */
  public static Masker of(dev.ciservices.JobPlan plan) {
    return new Masker(plan.maskedValues());
  }

  /** This masker with more values, e.g. registry credentials. */
  public Masker with(Collection<String> more) {
    List<String> all = new ArrayList<>(values);
    all.addAll(more);
    return new Masker(all);
  }

  /** Whether this masker replaces the value. */
  public boolean masks(String value) {
    return values.contains(value);
  }

  /** The values masked, longest first. */
  public List<String> values() {
    return values;
  }

  /** The text with every masked value replaced by {@code [MASKED]}. */
  public String mask(String text) {
    return replace(text, MASKED);
  }

  /** A Docker name or label value with every masked value replaced by {@code masked}. */
  public String maskInName(String name) {
    return replace(name, MASKED_IN_NAME);
  }

  /** Whether the text holds a masked value. */
  public boolean reveals(String text) {
    for (String value : values) {
      if (text.contains(value)) {
        return true;
      }
    }
    return false;
  }

  private String replace(String text, String by) {
    String out = text;
    for (String value : values) {
      if (out.contains(value)) {
        out = out.replace(value, by);
      }
    }
    return out;
  }

  /**
   * Where a stream may cut {@code text} so that the part before can be masked and written now and
   * the rest kept for the next bytes: no masked value crosses the cut, and what is kept is shorter
   * than the longest value.
   */
  public int safeCut(String text) {
    int longest = values.isEmpty() ? 1 : values.get(0).length();
    int cut = Math.max(0, text.length() - (longest - 1));
    boolean moved = true;
    while (moved) {
      moved = false;
      for (String value : values) {
        int from = Math.max(0, cut - value.length() + 1);
        int at = text.indexOf(value, from);
        if (at >= 0 && at < cut && at + value.length() > cut) {
          cut = at;
          moved = true;
        }
      }
    }
    return cut;
  }

  /**
   * Why GitLab would refuse to mask this value, if it would: it must be a single line of at least
   * 8 characters from the Base64 alphabet and {@code @ : . ~ - _}, and not the name of a variable.
   *
   * @param variableKeys the keys of every variable of the job
   */
  public static Optional<String> unmaskable(String value, Set<String> variableKeys) {
    if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
      return Optional.of("it spans several lines, and GitLab masks only a single line");
    }
    if (value.length() < MIN_LENGTH) {
      return Optional.of("it has " + value.length() + " character" + (value.length() == 1 ? "" : "s")
          + ", and GitLab masks only values of at least " + MIN_LENGTH);
    }
    if (!MASKABLE.matcher(value).matches()) {
      Set<String> bad = new LinkedHashSet<>();
      value.codePoints().filter(c -> !MASKABLE.matcher(Character.toString(c)).matches())
          .forEach(c -> bad.add(describe(c)));
      return Optional.of("it holds " + String.join(", ", bad) + ", and GitLab masks only letters, digits and "
          + "the characters + / = @ : . ~ - _");
    }
    if (variableKeys.contains(value)) {
      return Optional.of("it is the name of a variable, which GitLab does not allow for a masked value");
    }
    return Optional.empty();
  }

  private static String describe(int c) {
    if (c == ' ') {
      return "a space";
    }
    if (Character.isWhitespace(c) || Character.isISOControl(c)) {
      return String.format("U+%04X", c);
    }
    return c < 128 ? "'" + Character.toString(c) + "'" : String.format("U+%04X", c);
  }
}
