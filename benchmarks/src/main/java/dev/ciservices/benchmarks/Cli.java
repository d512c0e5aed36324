package dev.ciservices.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Runs the docker CLI. */
final class Cli {
  private Cli() {}

  /**
   * Runs {@code docker ARGS...} and returns its standard output, stripped.
   *
   * @throws IllegalStateException with the command and its standard error when it exits non-zero
   */
  static String docker(String... args) {
    return docker(Arrays.asList(args));
  }

  static String docker(List<String> args) {
    List<String> command = new ArrayList<>(args.size() + 1);
    command.add("docker");
    command.addAll(args);
    Process process;
    try {
      process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
    }
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
    String out = read(process.getInputStream());
    int code;
    try {
      code = process.waitFor();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + String.join(" ", command), e);
    }
    if (code != 0) {
      throw new IllegalStateException(String.join(" ", command) + " exited with " + code + ": " + err.join().strip());
    }
    return out.strip();
  }

  /** Like {@link #docker(String...)}, but returns the output lines, without empty ones. */
  static List<String> lines(String... args) {
    String out = docker(args);
    return out.isEmpty() ? List.of() : List.of(out.split("\\R"));
  }

  private static String read(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
