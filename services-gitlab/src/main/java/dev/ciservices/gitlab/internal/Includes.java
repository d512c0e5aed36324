package dev.ciservices.gitlab.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * GitLab's {@code include:} for local files: each included file (with its own includes) is
 * deep-merged in order, then the including file over them, so its keys win. Paths are relative to
 * the project directory, with or without a leading {@code /}, and may hold {@code *} and {@code **}.
 * A file included twice is read once. Other include types are reported and skipped.
 */
final class Includes {
  private static final int MAX_FILES = 150;
  private static final List<String> OTHER_TYPES = List.of("remote", "template", "project", "component", "artifact");

  private final @Nullable Path projectDir;
  private final Diagnostics diagnostics;
  private final Set<Path> seen = new HashSet<>();
  private int included;

  Includes(@Nullable Path projectDir, @Nullable Path mainFile, Diagnostics diagnostics) {
    this.projectDir = projectDir == null ? null : projectDir.toAbsolutePath().normalize();
    this.diagnostics = diagnostics;
    if (mainFile != null) {
      seen.add(mainFile.toAbsolutePath().normalize());
    }
  }

  /** The configuration with its includes merged in, and without the {@code include} key. */
  YMap apply(YMap config) {
    YNode include = config.get("include");
    YMap main = config.without("include");
    if (include == null || include.isNull()) {
      return main;
    }
    List<YNode> items = include instanceof YSeq seq ? seq.items() : List.of(include);
    YMap merged = YMap.empty(config.loc());
    for (int i = 0; i < items.size(); i++) {
      String path = include instanceof YSeq ? "include[" + i + "]" : "include";
      for (Local file : files(items.get(i), path)) {
        if (!seen.add(file.path())) {
          continue;
        }
        if (++included > MAX_FILES) {
          throw ConfigError.at(items.get(i).loc(), path + ": more than " + MAX_FILES
              + " files are included; GitLab allows " + MAX_FILES);
        }
        merged = Merge.deep(merged, apply(read(file, items.get(i).loc(), path)));
      }
    }
    return Merge.deep(merged, main);
  }

  private record Local(Path path, String display) {}

  private List<Local> files(YNode item, String path) {
    if (item instanceof YScalar s && s.isString()) {
      if (s.text().startsWith("http://") || s.text().startsWith("https://")) {
        warnSkipped(item.loc(), path, "remote", s.text());
        return List.of();
      }
      return local(s.text(), s.loc(), path);
    }
    if (item instanceof YMap map) {
      YNode local = map.getSet("local");
      if (local != null) {
        if (!(local instanceof YScalar s && s.isString())) {
          throw ConfigError.at(local.loc(), path + ".local must be a file path, not " + local.describe()
              + "; e.g. local: ci/test.yml");
        }
        if (map.getSet("inputs") != null) {
          diagnostics.warn(map.keyLoc("inputs"), null, "key \"" + path + ".inputs\" is not supported; "
              + "$[[ inputs.NAME ]] in \"" + s.text() + "\" are left as written");
        }
        if (map.getSet("rules") != null) {
          diagnostics.warn(map.keyLoc("rules"), null, "key \"" + path + ".rules\" is not evaluated; \"" + s.text()
              + "\" is always included");
        }
        return local(s.text(), s.loc(), path);
      }
      for (String type : OTHER_TYPES) {
        YNode value = map.getSet(type);
        if (value != null) {
          warnSkipped(map.keyLoc(type), path, type, value instanceof YScalar s ? s.text() : type);
          return List.of();
        }
      }
      throw ConfigError.at(item.loc(), path + " names no file; use local: with a path in the project, "
          + "e.g. local: ci/test.yml");
    }
    throw ConfigError.at(item.loc(), path + " must be a file path, a map with local:, or a list of them, not "
        + item.describe() + "; e.g. include: ci/test.yml");
  }

  private void warnSkipped(Loc loc, String path, String type, String what) {
    diagnostics.warn(loc, null, "key \"" + path + "." + type + "\" is not supported; \"" + what
        + "\" is not read, and no job or template of it is defined");
  }

  private List<Local> local(String written, Loc loc, String path) {
    if (projectDir == null) {
      throw ConfigError.at(loc, path + ": local file \"" + written + "\" cannot be read without a project "
          + "directory; read the file with GitLabCiFile.read(Path)");
    }
    String relative = written.startsWith("/") ? written.substring(1) : written;
    if (!relative.endsWith(".yml") && !relative.endsWith(".yaml")) {
      throw ConfigError.at(loc, path + ": local file \"" + written
          + "\" does not have a YAML extension; GitLab includes only .yml and .yaml files");
    }
    if (relative.contains("*")) {
      return glob(relative, written, loc, path);
    }
    Path file = projectDir.resolve(relative).normalize();
    if (!file.startsWith(projectDir)) {
      throw ConfigError.at(loc, path + ": local file \"" + written + "\" is outside the project directory "
          + projectDir);
    }
    if (!Files.isRegularFile(file)) {
      throw ConfigError.at(loc, path + ": local file \"" + written + "\" does not exist (looked for " + file + ")");
    }
    return List.of(new Local(file, relative));
  }

  /** Only called with a project directory: {@link #local} refuses includes without one. */
  private List<Local> glob(String relative, String written, Loc loc, String path) {
    Path dir = Objects.requireNonNull(projectDir);
    PathMatcher matcher;
    try {
      matcher = FileSystems.getDefault().getPathMatcher("glob:" + relative);
    } catch (IllegalArgumentException e) {
      throw ConfigError.at(loc, path + ": local \"" + written + "\" is not a valid wildcard path: " + e.getMessage());
    }
    List<Local> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.filter(Files::isRegularFile)
          .map(dir::relativize)
          .filter(p -> !p.startsWith(".git"))
          .filter(matcher::matches)
          .sorted()
          .forEach(p -> files.add(new Local(dir.resolve(p), p.toString().replace('\\', '/'))));
    } catch (IOException | java.io.UncheckedIOException e) {
      throw ConfigError.at(loc, path + ": cannot list the project directory " + dir + ": " + e.getMessage());
    }
    if (files.isEmpty()) {
      throw ConfigError.at(loc, path + ": local \"" + written + "\" matches no file in the project directory " + dir);
    }
    return files;
  }

  private YMap read(Local file, Loc loc, String path) {
    String text;
    try {
      text = Files.readString(file.path(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw ConfigError.at(loc, path + ": cannot read local file \"" + file.display() + "\": " + e);
    }
    YMap root = Sources.root(text, file.display(), diagnostics);
    if (root == null) {
      throw ConfigError.at(loc, path + ": local file \"" + file.display() + "\" is empty");
    }
    return root;
  }
}
