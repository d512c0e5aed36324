package dev.ciservices.internal;

import dev.ciservices.WorkspaceMode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The paths of a workspace a backend copies into the job: the checkout's tracked files as they are in
 * the working tree ({@link WorkspaceMode#TRACKED_FILES}), or every file of the directory.
 *
 * <p>A selection lists directories before what they hold, relative and {@code /}-separated; the
 * backend reads each path from the working tree when it copies it.
 */
public final class WorkspaceFiles {
  private static final long GIT_TIMEOUT_SECONDS = 60;

  /**
   * What is copied, and the trace line that says so.
   *
   * @param directory the workspace, absolute
   * @param paths directories (each before its content), regular files and symbolic links, relative
   * @param description what was selected and why, for the job's trace
   */
  public record Selection(Path directory, List<String> paths, String description) {
    /** Copies the list. */
    public Selection {
      paths = List.copyOf(paths);
    }
  }

  private WorkspaceFiles() {}

  /**
   * The paths of {@code directory} that {@code mode} copies ({@link WorkspaceMode#BIND_MOUNT}
   * copies nothing: an empty selection).
   *
   * @throws UncheckedIOException when the directory cannot be read
   */
  public static Selection select(Path directory, WorkspaceMode mode) {
    Path dir = directory.toAbsolutePath().normalize();
    switch (mode) {
      case BIND_MOUNT:
        return new Selection(dir, List.of(), "Mounting " + dir + " read-write at the project directory (nothing is"
            + " copied; what the job writes stays)");
      case DIRECTORY:
        List<String> all = everything(dir);
        return new Selection(dir, all, "Copying every file of " + dir + " (" + count(dir, all)
            + " files, untracked ones included)");
      case TRACKED_FILES:
      default:
        return tracked(dir);
    }
  }

  private static Selection tracked(Path dir) {
    Git listed = git(dir, "ls-files", "-z", "--cached");
    if (listed.exit != 0) {
      List<String> all = everything(dir);
      return new Selection(dir, all, "Copying every file of " + dir + " (" + count(dir, all) + " files): it is not"
          + " in a git checkout (" + listed.reason() + "), so there are no tracked files to choose");
    }
    if (split(listed.output).isEmpty()) {
      // e.g. a temporary or ignored directory inside someone's checkout: an empty job would surprise
      List<String> all = everything(dir);
      return new Selection(dir, all, "Copying every file of " + dir + " (" + count(dir, all) + " files): none of"
          + " them is tracked by the git checkout it is in");
    }
    TreeSet<String> files = new TreeSet<>();
    int deleted = 0;
    for (String path : split(listed.output)) {
      Path file = dir.resolve(path);
      if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
        files.add(path);
      } else {
        deleted++;
      }
    }
    int changed = 0;
    Git status = git(dir, "status", "--porcelain=v1", "-z", "--untracked-files=no", "--", ".");
    if (status.exit == 0) {
      List<String> entries = split(status.output);
      for (int i = 0; i < entries.size(); i++) {
        String entry = entries.get(i);
        if (entry.length() > 3 && (entry.charAt(0) == 'R' || entry.charAt(0) == 'C')) {
          i++; // a rename or copy: the next field is the original path
        }
        if (entry.length() > 3 && entry.charAt(0) != 'D' && entry.charAt(1) != 'D') {
          changed++;
        }
      }
    }
    List<String> paths = withDirectories(files);
    return new Selection(dir, paths, "Copying the " + files.size() + " tracked files of the checkout as they are"
        + " in the working tree (" + changed + " with uncommitted changes" + (deleted == 0 ? ""
            : ", " + deleted + " deleted and left out") + "); untracked files are not copied"
        + " (workspace mode directory copies them)");
  }

  /** The files with their parent directories before them, in order. */
  private static List<String> withDirectories(TreeSet<String> files) {
    List<String> paths = new ArrayList<>();
    TreeSet<String> dirs = new TreeSet<>();
    for (String file : files) {
      int slash = -1;
      while ((slash = file.indexOf('/', slash + 1)) > 0) {
        String parent = file.substring(0, slash);
        if (dirs.add(parent)) {
          paths.add(parent);
        }
      }
      paths.add(file);
    }
    return paths;
  }

  private static List<String> everything(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p).toString().replace('\\', '/')).sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("list workspace " + dir + ": " + e.getMessage(), e);
    } catch (UncheckedIOException e) {
      // Files.walk reports a directory it cannot read while streaming
      IOException cause = e.getCause();
      throw new UncheckedIOException("list workspace " + dir + ": " + (cause == null ? e.getMessage()
          : cause.getMessage()), cause == null ? new IOException(e) : cause);
    }
  }

  private static long count(Path dir, List<String> paths) {
    return paths.stream().filter(p -> !Files.isDirectory(dir.resolve(p), LinkOption.NOFOLLOW_LINKS)).count();
  }

  private static List<String> split(String nulSeparated) {
    List<String> out = new ArrayList<>();
    for (String s : nulSeparated.split("\0")) {
      if (!s.isEmpty()) {
        out.add(s);
      }
    }
    return out;
  }

  private record Git(int exit, String output, String error) {
    String reason() {
      String first = error.strip().lines().findFirst().orElse("");
      return exit == -1 ? first : "git: " + (first.isEmpty() ? "exit code " + exit : first);
    }
  }

  /** Runs git in {@code dir}; exit -1 when git cannot be started or does not finish. */
  private static Git git(Path dir, String... args) {
    List<String> command = new ArrayList<>(List.of("git", "-c", "core.quotepath=off", "-C", dir.toString()));
    command.addAll(List.of(args));
    Process process;
    try {
      process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(nullFile())).start();
    } catch (IOException e) {
      return new Git(-1, "", "git cannot be run: " + e.getMessage());
    }
    try {
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      Thread errors = new Thread(() -> drain(process.getErrorStream(), err), "git-stderr");
      errors.setDaemon(true);
      errors.start();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      drain(process.getInputStream(), out);
      if (!process.waitFor(GIT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return new Git(-1, "", "git " + args[0] + " took longer than " + GIT_TIMEOUT_SECONDS + " s");
      }
      errors.join(TimeUnit.SECONDS.toMillis(5));
      return new Git(process.exitValue(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      return new Git(-1, "", "interrupted");
    }
  }

  private static java.io.File nullFile() {
    return new java.io.File(System.getProperty("os.name", "").startsWith("Windows") ? "NUL" : "/dev/null");
  }

  private static void drain(InputStream in, ByteArrayOutputStream to) {
    try (in) {
      in.transferTo(to);
    } catch (IOException e) {
      // the process ended; what was read is kept
    }
  }
}
