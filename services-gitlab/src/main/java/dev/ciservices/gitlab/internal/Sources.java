package dev.ciservices.gitlab.internal;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Reads one file's text into its top-level map, as GitLab reads a configuration file. */
final class Sources {
  private Sources() {}

  /**
   * The file's top-level map, or null when the file holds nothing. A file may be one YAML document,
   * or a {@code spec:} header document followed by {@code ---} and the configuration.
   */
  static @Nullable YMap root(String text, String file, Diagnostics diagnostics) {
    return root(text, file, diagnostics, null, Loc.file(file));
  }

  /**
   * As {@link #root(String, String, Diagnostics)}, with {@code $[[ inputs.NAME ]]} interpolated from
   * the {@code spec: inputs} header and the include's {@code inputs} ({@code given}, may be null).
   */
  static @Nullable YMap root(String text, String file, Diagnostics diagnostics, @Nullable YNode given, Loc at) {
    List<YNode> documents = YamlLoader.load(text, file, diagnostics);
    if (documents.isEmpty()) {
      return null;
    }
    YNode content = documents.get(0);
    YMap spec = null;
    if (documents.size() == 2 && content instanceof YMap header && header.keys().equals(List.of("spec"))) {
      if (!(header.getSet("spec") instanceof YMap s)) {
        throw ConfigError.at(header.loc(), "spec config must be a hash");
      }
      spec = s;
      content = documents.get(1);
    } else if (documents.size() > 1) {
      throw ConfigError.at(documents.get(1).loc(), "the file holds " + documents.size() + " YAML documents; GitLab "
          + "reads one, or a spec: header, ---, and one");
    }
    if (content.isNull()) {
      return null;
    }
    if (!(content instanceof YMap map)) {
      throw ConfigError.at(content.loc(), "the file must be a map of jobs and keywords, not " + content.describe()
          + "; e.g. test: {script: [make test]}");
    }
    return Inputs.apply(map, spec, given, at, file);
  }
}
