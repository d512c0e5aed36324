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
 * goes to this process's, as the runner's does; its output is capped and it gets a bounded time.
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
    Process process = new ProcessBuilder(found.toString(), action).redirectError(ProcessBuilder.Redirect.INHERIT).start();
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
      return new Output(process.exitValue(), new String(out.get(5, TimeUnit.SECONDS), StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running " + program + " " + action, e);
    } catch (ExecutionException | TimeoutException e) {
      process.destroyForcibly();
      throw new IOException(program + " " + action + " kept its output open after exiting", e);
    }
  }
}
