package dev.ciservices.cli;

import dev.ciservices.docker.DockerBackend;
import dev.ciservices.docker.DockerOptions;
import dev.ciservices.docker.SweepReport;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sweep}: removes what ci-services left on the engine, saying what and why. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
    description = "Remove the containers, networks and volumes ci-services left on the engine: those whose owner"
        + " process exited on this machine, boot and PID namespace, and with --older-than also those whose owner"
        + " cannot be established (another machine or PID namespace) that are at least that old. A running"
        + " owner's resources are never removed.")
final class SweepCommand implements Callable<Integer> {
  private static final Pattern DURATION = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

  @Option(names = "--older-than", paramLabel = "<age>", description = "Also remove resources of unknown owners at"
      + " least this old, e.g. 2h, 30m, 1h30m.")
  @Nullable String olderThan;

  @Option(names = "--dry-run", description = "List what would be removed, and why; remove nothing.")
  boolean dryRun;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Duration age = null;
    if (olderThan != null) {
      age = parse(olderThan);
      if (age == null) {
        spec.commandLine().getErr().println("ci-services: --older-than \"" + olderThan + "\" is not an age; write"
            + " hours, minutes and seconds, e.g. --older-than 2h or --older-than 1h30m");
        return Main.USAGE;
      }
    }
    try (DockerBackend docker = DockerBackend.connect(DockerOptions.defaults().withSweepLeftovers(false))) {
      SweepReport report = docker.sweep(age, dryRun);
      report.lines().forEach(out::println);
      out.flush();
      return 0;
    }
  }

  static @Nullable Duration parse(String text) {
    Matcher m = DURATION.matcher(text);
    if (text.isEmpty() || !m.matches()) {
      return null;
    }
    try {
      long seconds = 0;
      for (int group = 1; group <= 3; group++) {
        if (m.group(group) != null) {
          seconds = Math.addExact(seconds, Math.multiplyExact(Long.parseLong(m.group(group)),
              new long[] {3600, 60, 1}[group - 1]));
        }
      }
      return seconds > 366L * 24 * 3600 ? null : Duration.ofSeconds(seconds);
    } catch (ArithmeticException | NumberFormatException e) {
      return null;
    }
  }
}
