package dev.ciservices.internal.details;

import dev.ciservices.spi.DetailsSource;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Node settings of Elasticsearch and OpenSearch images, and their versions from the tag. */
final class SearchSettings {
  private static final Pattern VERSION = Pattern.compile("(\\d+)(?:\\.(\\d+))?.*");

  private SearchSettings() {}

  /**
   * A boolean setting given as {@code -Ename=value} in the command or, for Elasticsearch, as {@code
   * ES_SETTING_NAME} ({@code .} as {@code _}, {@code _} as {@code __}); GitLab's variable keys cannot
   * hold the dotted form.
   */
  static Optional<Boolean> flag(DetailsSource source, String name, boolean esSettingVariable) {
    Optional<String> value = Optional.empty();
    if (esSettingVariable) {
      value = source.variable("ES_SETTING_" + name.replace("_", "__").replace('.', '_').toUpperCase(Locale.ROOT));
    }
    String prefix = "-E" + name + "=";
    for (String word : source.command()) {
      if (word.startsWith(prefix)) {
        value = Optional.of(word.substring(prefix.length()));
      }
    }
    return value.map(v -> Boolean.parseBoolean(v.trim()));
  }

  /** An integer setting given as {@code -Ename=value} (e.g. {@code http.port}). */
  static Optional<String> value(DetailsSource source, String name) {
    String prefix = "-E" + name + "=";
    String found = null;
    for (String word : source.command()) {
      if (word.startsWith(prefix)) {
        found = word.substring(prefix.length());
      }
    }
    return Optional.ofNullable(found);
  }

  /** {major, minor} of a tag such as {@code 8.15.3}; empty for {@code latest} and other words. */
  static Optional<int[]> version(String tag) {
    Matcher m = VERSION.matcher(tag);
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(new int[] {Integer.parseInt(m.group(1)), m.group(2) == null ? 0 : Integer.parseInt(m.group(2))});
  }
}
