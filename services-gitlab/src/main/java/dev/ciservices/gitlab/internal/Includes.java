package dev.ciservices.gitlab.internal;

import java.io.IOException;
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
 * GitLab's {@code include:}: each included file (with its own includes) is deep-merged in order,
 * then the including file over them, so its keys win. Local paths are relative to the project
 * directory, with or without a leading {@code /}, and may hold {@code *} and {@code **}; {@code
 * remote}, {@code project}, {@code template} and {@code component} files are fetched through
 * {@link RemoteFiles}; {@code inputs} are interpolated into the included file. A file included twice
 * is read once. An include that cannot be read is reported once and recorded in {@link #missing()},
 * and the rest of the configuration is read without it.
 */
final class Includes {
  private static final int MAX_FILES = 150;

  private final @Nullable Path projectDir;
  private final Diagnostics diagnostics;
  private final Limits limits;
  private final Set<Path> seen = new HashSet<>();
  private final Set<String> seenRemote = new HashSet<>();
  private final List<Missing> missing = new ArrayList<>();
  private final RemoteFiles remote;
  private int included;

  /** An include that could not be read: what it is ({@code project "a/b" file "x.yml"}) and why. */
  record Missing(String what, String reason) {
    String describe() {
      return "include " + what + " that could not be read: " + reason;
    }

    /**
     * Several missing includes in one phrase: {@code one of the includes that could not be read
     * (why): a, b} when they share the reason (without a GitLab instance they all do), each with its
     * own reason otherwise.
     */
    static String describeAll(List<Missing> missing) {
      if (missing.size() == 1) {
        return missing.get(0).describe();
      }
      if (missing.stream().map(Missing::reason).distinct().count() == 1) {
        return "one of the includes that could not be read (" + missing.get(0).reason() + "): "
            + missing.stream().map(Missing::what).collect(java.util.stream.Collectors.joining(", "));
      }
      return "one of the includes that could not be read: " + missing.stream()
          .map(m -> m.what() + " (" + m.reason() + ")").collect(java.util.stream.Collectors.joining("; "));
    }
  }

  /** A file read from elsewhere, with the project its own local includes come from (null for remote URLs). */
  private record Fetched(String display, String text, @Nullable String project, @Nullable String ref) {}

  Includes(@Nullable Path projectDir, @Nullable Path mainFile, Diagnostics diagnostics, Limits limits) {
    this(projectDir, mainFile, diagnostics, dev.ciservices.gitlab.IncludeOptions.localOnly(), limits);
  }

  Includes(@Nullable Path projectDir, @Nullable Path mainFile, Diagnostics diagnostics,
      dev.ciservices.gitlab.IncludeOptions options, Limits limits) {
    this.remote = new RemoteFiles(options);
    this.projectDir = projectDir == null ? null : projectDir.toAbsolutePath().normalize();
    this.diagnostics = diagnostics;
    this.limits = limits;
    if (mainFile != null) {
      seen.add(mainFile.toAbsolutePath().normalize());
    }
  }

  /** The includes that could not be read, in order. */
  List<Missing> missing() {
    return List.copyOf(missing);
  }

  /** The configuration with its includes merged in, and without the {@code include} key. */
  YMap apply(YMap config) {
    return apply(config, null, null);
  }

  private YMap apply(YMap config, @Nullable String project, @Nullable String ref) {
    YNode include = config.get("include");
    YMap main = config.without("include");
    if (include == null || include.isNull()) {
      return main;
    }
    List<YNode> items = include instanceof YSeq seq ? seq.items() : List.of(include);
    YMap merged = YMap.empty(config.loc());
    for (int i = 0; i < items.size(); i++) {
      String path = include instanceof YSeq ? "include[" + i + "]" : "include";
      YNode item = items.get(i);
      YNode inputs = item instanceof YMap m ? m.getSet("inputs") : null;
      if (item instanceof YMap m && m.getSet("rules") != null) {
        diagnostics.warn(m.keyLoc("rules"), null, "key \"" + path + ".rules\" is not evaluated; the file is always"
            + " included");
      }
      if (isLocal(item) && project == null) {
        for (Local file : files(item, path)) {
          if (!seen.add(file.path())) {
            continue;
          }
          count(item, path);
          merged = Merge.deep(merged, apply(read(file, item.loc(), path, inputs), null, null));
        }
        continue;
      }
      for (Fetched file : fetch(item, path, project, ref)) {
        if (!seenRemote.add(file.display())) {
          continue;
        }
        count(item, path);
        // fetched over HTTP or read from the include cache: the same limits as a local file
        String text = limits.fetched(file.text(), file.display(), item.loc(), path + ": ");
        YMap root = Sources.root(text, file.display(), diagnostics, inputs, item.loc());
        if (root == null) {
          throw ConfigError.at(item.loc(), path + ": " + file.display() + " is empty");
        }
        merged = Merge.deep(merged, apply(root, file.project(), file.ref()));
      }
    }
    return Merge.deep(merged, main);
  }

  private void count(YNode item, String path) {
    if (++included > MAX_FILES) {
      throw ConfigError.at(item.loc(), path + ": more than " + MAX_FILES + " files are included; GitLab allows "
          + MAX_FILES);
    }
  }

  private static boolean isLocal(YNode item) {
    if (item instanceof YScalar s && s.isString()) {
      return !s.text().startsWith("http://") && !s.text().startsWith("https://");
    }
    return item instanceof YMap map && map.getSet("local") != null;
  }

  /** A non-local include: fetched, or recorded as missing (reported once) and then nothing. */
  private List<Fetched> fetch(YNode item, String path, @Nullable String project, @Nullable String ref) {
    String what = path;
    try {
      if (item instanceof YScalar s && s.isString()) {
        if (project != null && !s.text().startsWith("http")) {
          what = "local \"" + s.text() + "\" of project \"" + project + "\"";
          return List.of(projectFile(project, s.text(), ref));
        }
        what = "remote \"" + s.text() + "\"";
        return List.of(new Fetched(s.text(), remote.remote(s.text()).text(), null, null));
      }
      if (!(item instanceof YMap map)) {
        throw ConfigError.at(item.loc(), path + " must be a file path, a map with local:, or a list of them, not "
            + item.describe() + "; e.g. include: ci/test.yml");
      }
      if (map.getSet("local") != null && project != null) {
        String file = string(map.getSet("local"), path + ".local", "local: ci/test.yml");
        what = "local \"" + file + "\" of project \"" + project + "\"";
        return List.of(projectFile(project, file, ref));
      }
      if (map.getSet("remote") != null) {
        String url = string(map.getSet("remote"), path + ".remote", "remote: https://example.com/ci.yml");
        what = "remote \"" + url + "\"";
        return List.of(new Fetched(url, note(map, remote.remote(url)), null, null));
      }
      if (map.getSet("template") != null) {
        String name = string(map.getSet("template"), path + ".template", "template: Jobs/SAST.gitlab-ci.yml");
        what = "template \"" + name + "\"";
        return List.of(new Fetched("template " + name, note(map, remote.template(name)), null, null));
      }
      if (map.getSet("project") != null) {
        String name = string(map.getSet("project"), path + ".project", "project: group/project");
        String projectRef = map.getSet("ref") == null ? null : string(map.getSet("ref"), path + ".ref", "ref: main");
        YNode fileNode = map.getSet("file");
        if (fileNode == null) {
          throw ConfigError.at(map.loc(), path + ": project \"" + name + "\" needs file:, e.g. file: templates/ci.yml");
        }
        List<String> files = fileNode instanceof YSeq ? Values.stringList(fileNode, path + ".file", "[ci.yml]")
            : List.of(string(fileNode, path + ".file", "file: templates/ci.yml"));
        List<Fetched> out = new ArrayList<>();
        for (String file : files) {
          String one = "project \"" + name + "\" file \"" + file + "\"" + (projectRef == null ? "" : " (ref " + projectRef + ")");
          try {
            out.add(projectFile(name, file, projectRef));
          } catch (RemoteFiles.Unavailable e) {
            missing(item, path, one, String.valueOf(e.getMessage()));
          }
        }
        return out;
      }
      if (map.getSet("component") != null) {
        String component = string(map.getSet("component"), path + ".component",
            "component: gitlab.com/group/project/name@1.0.0");
        what = "component \"" + component + "\"";
        return List.of(component(component, map.loc(), path));
      }
      if (map.getSet("artifact") != null) {
        what = "artifact \"" + (map.getSet("artifact") instanceof YScalar a ? a.text() : "?") + "\"";
        throw new RemoteFiles.Unavailable("the artifacts of another job of the pipeline do not exist locally");
      }
      throw ConfigError.at(item.loc(), path + " names no file; use local:, remote:, template:, project: or"
          + " component:, e.g. local: ci/test.yml");
    } catch (RemoteFiles.Unavailable e) {
      missing(item, path, what, String.valueOf(e.getMessage()));
      return List.of();
    }
  }

  private void missing(YNode item, String path, String what, String reason) {
    missing.add(new Missing(what, reason));
    diagnostics.warn(item.loc(), null, path + ": " + what + " could not be read: " + reason
        + "; the jobs that need it are reported, the others are planned");
  }

  private String note(YMap map, RemoteFiles.Fetched fetched) {
    if (fetched.note() != null) {
      diagnostics.warn(map.loc(), null, fetched.note());
    }
    return fetched.text();
  }

  private Fetched projectFile(String project, String file, @Nullable String ref) throws RemoteFiles.Unavailable {
    RemoteFiles.Fetched fetched = remote.projectFile(project, file, ref);
    return new Fetched("project " + project + (ref == null ? "" : "@" + ref) + ":" + file, fetched.text(), project, ref);
  }

  /** {@code <fqdn>/<project path>/<name>@<version>}: {@code templates/<name>.yml} or {@code templates/<name>/template.yml}. */
  private Fetched component(String component, Loc loc, String path) throws RemoteFiles.Unavailable {
    int at = component.lastIndexOf('@');
    int slash = component.lastIndexOf('/', at < 0 ? component.length() : at);
    int first = component.indexOf('/');
    if (at < 0 || slash <= first || first <= 0) {
      throw ConfigError.at(loc, path + ": component \"" + component + "\" must be <host>/<project path>/<name>@<version>,"
          + " e.g. gitlab.com/components/secret-detection/secret-detection@1.0.0");
    }
    String project = component.substring(first + 1, slash);
    String name = component.substring(slash + 1, at);
    String written = component.substring(at + 1);
    String version = written;
    if (ComponentVersion.needsReleases(written)) {
      List<String> tags = remote.releaseTags(project);
      version = ComponentVersion.resolve(written, tags).orElseThrow(() -> new RemoteFiles.Unavailable(
          "no release of " + project + " matches version \"" + written + "\" (" + (tags.isEmpty() ? "it has no releases"
              : "its releases: " + String.join(", ", tags.subList(0, Math.min(tags.size(), 10)))
                  + (tags.size() > 10 ? ", ..." : "")) + "); give a released version, e.g. @"
              + (tags.isEmpty() ? "1.0.0" : tags.get(0))));
    }
    try {
      return projectFile(project, "templates/" + name + ".yml", version);
    } catch (RemoteFiles.Unavailable first404) {
      return projectFile(project, "templates/" + name + "/template.yml", version);
    }
  }

  private static String string(YNode node, String path, String example) {
    if (!(node instanceof YScalar s) || !s.isString() || s.text().isBlank()) {
      throw Values.typeError(path, "a non-empty string", node, "e.g. " + example);
    }
    return s.text();
  }

  private record Local(Path path, String display) {}

  private List<Local> files(YNode item, String path) {
    if (item instanceof YScalar s && s.isString()) {
      return local(s.text(), s.loc(), path);
    }
    YMap map = (YMap) item;
    YNode local = java.util.Objects.requireNonNull(map.getSet("local"));
    if (!(local instanceof YScalar s && s.isString())) {
      throw ConfigError.at(local.loc(), path + ".local must be a file path, not " + local.describe()
          + "; e.g. local: ci/test.yml");
    }
    return local(s.text(), s.loc(), path);
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

  private YMap read(Local file, Loc loc, String path, @Nullable YNode inputs) {
    String text = limits.read(file.path(), file.display(), loc, path + ": local file: ");
    YMap root = Sources.root(text, file.display(), diagnostics, inputs, loc);
    if (root == null) {
      throw ConfigError.at(loc, path + ": local file \"" + file.display() + "\" is empty");
    }
    return root;
  }
}
