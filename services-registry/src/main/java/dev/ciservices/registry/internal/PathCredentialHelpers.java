package dev.ciservices.registry.internal;

import dev.ciservices.registry.CredentialHelpers;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs {@code docker-credential-<name>} found in a list of directories. The helper's standard error
 * is captured (whole lines, bounded; see {@link Output#stderr()}) for the backend to mask and write
 * to this process's, as the runner's goes to its own; its output is capped and it gets a bounded
 * time.
 */
public final class PathCredentialHelpers implements CredentialHelpers {
  private static final long TIMEOUT_SECONDS = 30;
  private static final int MAX_OUTPUT = 1 << 20;

  private static final ExecutorService READERS = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "ci-services-credential-helper");
    t.setDaemon(true);
    return t;
  });

  private final List<Path> directories;

  /** Helpers in these directories. */
  public PathCredentialHelpers(List<Path> directories) {
    this.directories = List.copyOf(directories);
  }

  /** The folders searched, in order. */
  public List<Path> directories() {
    return directories;
  }

  /** Helpers in the directories of {@code PATH}. */
  public static PathCredentialHelpers fromEnvironment() {
    String path = System.getenv("PATH");
    List<Path> dirs = new ArrayList<>();
    if (path != null) {
      for (String dir : path.split(File.pathSeparator)) {
        if (!dir.isEmpty()) {
          dirs.add(Path.of(dir));
        }
      }
    }
    return new PathCredentialHelpers(dirs);
  }

  @Override
  public Output run(String name, String action, String input) throws IOException {
    String program = "docker-credential-" + name;
    Path found = directories.stream().map(d -> d.resolve(program)).filter(Files::isExecutable).findFirst()
        .orElseThrow(() -> new IOException("exec: \"" + program + "\": executable file not found in $PATH"));
    Process process = new ProcessBuilder(found.toString(), action).start();
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> stderr(process.getErrorStream(), program + " "
        + action), READERS);
    try (OutputStream stdin = process.getOutputStream()) {
      stdin.write(input.getBytes(StandardCharsets.UTF_8));
    } catch (IOException ignored) {
      // a helper that does not read its input closes the pipe early; its exit status tells the rest
    }
    CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> {
      try (InputStream stdout = process.getInputStream()) {
        return stdout.readNBytes(MAX_OUTPUT);
      } catch (IOException e) {
        return new byte[0];
      }
    }, READERS);
    try {
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException(program + " " + action + " did not finish within " + TIMEOUT_SECONDS + " s");
      }
      return new Output(process.exitValue(), new String(out.get(5, TimeUnit.SECONDS), StandardCharsets.UTF_8),
          err.get(5, TimeUnit.SECONDS));
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running " + program + " " + action, e);
    } catch (ExecutionException | TimeoutException e) {
      process.destroyForcibly();
      throw new IOException(program + " " + action + " kept its output open after exiting", e);
    }
  }

  /**
   * A helper's standard error, read to its end: whole lines up to {@link Output#MAX_STDERR}
   * characters, then {@code <program> <action>: <n> more bytes of standard error not shown}. A line
   * cut by the bound is left out whole, so that no part of a secret on it remains unmasked.
   */
  static String stderr(InputStream in, String what) {
    byte[] kept;
    long more = 0;
    try (in) {
      kept = in.readNBytes(Output.MAX_STDERR);
      byte[] buffer = new byte[8192];
      for (int n; (n = in.read(buffer)) >= 0; ) {
        more += n;
      }
    } catch (IOException e) {
      return "";
    }
    String text = new String(kept, StandardCharsets.UTF_8);
    if (more > 0 || text.length() > Output.MAX_STDERR) {
      int end = text.lastIndexOf('\n') + 1;
      more += text.substring(end).getBytes(StandardCharsets.UTF_8).length;
      text = text.substring(0, end) + what + ": " + more + " more bytes of standard error not shown\n";
    } else if (!text.isEmpty() && !text.endsWith("\n")) {
      text += "\n";
    }
    return text;
  }
}
