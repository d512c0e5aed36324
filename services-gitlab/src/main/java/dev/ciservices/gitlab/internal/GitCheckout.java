package dev.ciservices.gitlab.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The project's files and changes as {@code rules: exists} and {@code rules: changes} see them: the
 * checkout's tracked and untracked (not ignored) files; the changes against {@code compare_to}, or
 * against the branch's upstream, working-tree changes included. Without an upstream to compare
 * with, {@code changes} is true, as GitLab has it for a new branch. Without git, the directory's files.
 */
public final class GitCheckout implements Rules.Checkout {
  private static final int MAX_FILES = 200_000;

  private final Path dir;
  private final Git git;
  private @Nullable List<String> files;

  private GitCheckout(Path dir) {
    this.dir = dir.toAbsolutePath().normalize();
    this.git = Git.at(this.dir);
  }

  /** The checkout holding {@code dir} (the project directory). */
  public static GitCheckout at(Path dir) {
    return new GitCheckout(dir);
  }

  @Override
  public boolean exists(List<String> patterns) {
    List<Fnmatch> globs = patterns.stream().map(Fnmatch::compile).toList();
    return files().stream().anyMatch(f -> globs.stream().anyMatch(g -> g.matches(f)));
  }

  @Override
  public Rules.Changes changes(List<String> patterns, @Nullable String compareTo) {
    String base = compareTo;
    String how;
    if (base == null) {
      String upstream = git.output("rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{upstream}");
      if (upstream == null) {
        return new Rules.Changes(true, "no upstream branch to compare with: changes is true, as for a new branch in"
            + " GitLab");
      }
      base = upstream;
      how = "changes against " + upstream + " and the working tree";
    } else {
      how = "changes against " + compareTo + " and the working tree";
    }
    String diff = git.output("diff", "--name-only", "--relative", "-z", base, "--");
    if (diff == null) {
      return new Rules.Changes(false, "cannot compare with " + base + ": " + git.problem());
    }
    Set<String> changed = new LinkedHashSet<>(split(diff));
    String untracked = git.output("ls-files", "-z", "--others", "--exclude-standard");
    if (untracked != null) {
      changed.addAll(split(untracked));
    }
    List<Fnmatch> globs = patterns.stream().map(Fnmatch::compile).toList();
    boolean matched = changed.stream().anyMatch(f -> globs.stream().anyMatch(g -> g.matches(f)));
    return new Rules.Changes(matched, how);
  }

  private synchronized List<String> files() {
    if (files != null) {
      return files;
    }
    String top = git.output("rev-parse", "--show-prefix");
    String listed = top == null ? null : git.output("ls-files", "-z", "--cached", "--others", "--exclude-standard");
    if (listed != null) {
      files = split(listed);
      return files;
    }
    List<String> walked = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.limit(MAX_FILES).filter(Files::isRegularFile).map(dir::relativize)
          .filter(p -> !p.startsWith(".git")).forEach(p -> walked.add(p.toString().replace('\\', '/')));
    } catch (IOException | UncheckedIOException e) {
      // an unreadable directory has no files to match
    }
    files = walked;
    return files;
  }

  private static List<String> split(String nulSeparated) {
    List<String> out = new ArrayList<>();
    for (String s : nulSeparated.split("\u0000")) {
      if (!s.isEmpty()) {
        out.add(s);
      }
    }
    return out;
  }
}
