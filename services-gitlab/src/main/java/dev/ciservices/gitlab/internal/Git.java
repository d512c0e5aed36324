package dev.ciservices.gitlab.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/** Reads a git checkout with the {@code git} command, each call bounded in time and output. */
public final class Git {
  private static final long TIMEOUT_SECONDS = 20;
  private static final int MAX_OUTPUT = 8 * 1024 * 1024;

  private final Path dir;
  private String problem = "";

  private Git(Path dir) {
    this.dir = dir;
  }

  /** Git commands run in {@code dir}. */
  public static Git at(Path dir) {
    return new Git(dir);
  }

  /** The checkout's top directory, or null when {@code dir} is in none (then {@link #problem()} says why). */
  public @Nullable Path topLevel() {
    String top = output("rev-parse", "--show-toplevel");
    return top == null ? null : Path.of(top);
  }

  /** Why the last command gave nothing. */
  public String problem() {
    return problem;
  }

  /** The command's standard output without its last line break, or null when it failed. */
  public @Nullable String output(String... args) {
    byte[] out = run(args);
    if (out == null) {
      return null;
    }
    String text = new String(out, StandardCharsets.UTF_8);
    return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
  }

  /** The command's standard output, or null when it failed. */
  public byte @Nullable [] run(String... args) {
    List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
    pb.environment().put("GIT_TERMINAL_PROMPT", "0");
    pb.environment().put("LC_ALL", "C");
    Process process;
    try {
      process = pb.start();
    } catch (IOException e) {
      problem = "git is not installed or cannot start (" + e.getMessage() + ")";
      return null;
    }
    try {
      process.getOutputStream().close();
      CompletableFuture<byte[]> output = CompletableFuture.supplyAsync(() -> readBounded(process.getInputStream()));
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        problem = "git " + args[0] + " took more than " + TIMEOUT_SECONDS + " s";
        return null;
      }
      byte[] bytes = output.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      if (process.exitValue() != 0) {
        problem = "git " + args[0] + " exited with " + process.exitValue();
        return null;
      }
      return bytes;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      problem = "interrupted";
      return null;
    } catch (ExecutionException | TimeoutException | IOException e) {
      problem = "git " + args[0] + " failed: " + e.getMessage();
      return null;
    } finally {
      process.destroyForcibly();
    }
  }

  private static byte[] readBounded(InputStream in) {
    try (in) {
      byte[] bytes = in.readNBytes(MAX_OUTPUT);
      in.transferTo(java.io.OutputStream.nullOutputStream());
      return bytes;
    } catch (IOException e) {
      return new byte[0];
    }
  }
}
