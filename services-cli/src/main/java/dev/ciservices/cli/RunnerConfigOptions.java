package dev.ciservices.cli;

import dev.ciservices.RunnerConfig;
import dev.ciservices.gitlab.RunnerConfigFile;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** {@code --runner-config} and {@code --runner-name}, which {@code run}, {@code plan} and {@code list} share. */
final class RunnerConfigOptions {
  @Option(names = "--runner-config", paramLabel = "<config.toml>", description = "GitLab Runner's config.toml: its"
      + " first [[runners]] (or --runner-name) sets up the local runner ([runners.docker] keys, services, environment,"
      + " FF_NETWORK_PER_BUILD).")
  @Nullable Path file;

  @Option(names = "--runner-name", paramLabel = "<name>", description = "With --runner-config: the [[runners]] entry"
      + " of this name (default: the first).")
  @Nullable String name;

  /**
   * The runner: the base with the file's keys on it, each key not honoured warned about on {@code err}.
   *
   * @throws IllegalArgumentException of one line naming the file, the key, the value and the fix
   */
  RunnerConfig.Builder onto(RunnerConfig.Builder base, PrintWriter err) {
    if (file == null) {
      if (name != null) {
        throw new IllegalArgumentException("--runner-name \"" + name + "\" needs --runner-config <config.toml>");
      }
      return base;
    }
    RunnerConfigFile read = RunnerConfigFile.read(file, name, base);
    read.warnings().forEach(w -> err.println("WARNING: " + w));
    err.flush();
    return read.runner();
  }
}
