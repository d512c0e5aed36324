package dev.ciservices.cli;

import dev.ciservices.internal.Masker;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Ansi;

/** {@code ci-services}: runs or plans a GitLab CI job of a {@code .gitlab-ci.yml} with its services. */
@Command(name = "ci-services", mixinStandardHelpOptions = true, versionProvider = BuildInfo.class,
    description = "Run a GitLab CI job, with its services, on the local Docker engine.",
    subcommands = {RunCommand.class, PlanCommand.class, ListCommand.class, SweepCommand.class,
        CommandLine.HelpCommand.class})
public final class Main {
  /** Exit status for a file or option error. */
  static final int USAGE = 2;
  /** Exit status of {@code run} for a job that GitLab would not run (its rules say never). */
  static final int NEVER = 3;

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) {
    System.exit(execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
  }

  /**
   * Runs the command line writing to the given streams; returns the exit status. Colours as picocli's
   * {@code Ansi.AUTO} decides: on a terminal, unless {@code NO_COLOR} is set (or {@code -Dpicocli.ansi=false}).
   */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    return execute(Ansi.AUTO, out, err, args);
  }

  /** As {@link #execute(PrintWriter, PrintWriter, String...)}, with colours on, off or automatic. */
  static int execute(Ansi ansi, PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new Main());
    cli.setColorScheme(CommandLine.Help.defaultColorScheme(ansi));
    cli.setOut(out);
    cli.setErr(err);
    Masker secrets = secretsOf(args);
    cli.setParameterExceptionHandler((e, given) -> {
      err.println(secrets.mask(String.valueOf(e.getMessage())));
      err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for more information.");
      return USAGE;
    });
    cli.setExecutionExceptionHandler((e, line, parsed) -> {
      err.println(line.getColorScheme().errorText("ci-services: " + secrets.mask(String.valueOf(e.getMessage()))));
      return 1;
    });
    return cli.execute(args);
  }

  /** The values given with {@code --secret}, so that no message about the arguments shows them. */
  static Masker secretsOf(String... args) {
    List<String> values = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String given = null;
      if (args[i].equals("--secret") && i + 1 < args.length) {
        given = args[i + 1];
      } else if (args[i].startsWith("--secret=")) {
        given = args[i].substring("--secret=".length());
      }
      if (given != null) {
        int eq = given.indexOf('=');
        values.add(eq >= 0 ? given.substring(eq + 1) : given);
      }
    }
    return new Masker(values);
  }
}
