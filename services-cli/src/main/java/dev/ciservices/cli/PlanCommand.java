package dev.ciservices.cli;

import dev.ciservices.JobPlan;
import dev.ciservices.JobPlanner;
import dev.ciservices.PlanReport;
import dev.ciservices.docker.DockerCommands;
import dev.ciservices.gitlab.CheckoutVariables;
import dev.ciservices.gitlab.GitLabCiException;
import dev.ciservices.gitlab.GitLabCiFile;
import dev.ciservices.gitlab.RuleOutcome;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code plan <job>}: prints the resolved plan and the equivalent docker commands; runs nothing. */
@Command(name = "plan", mixinStandardHelpOptions = true,
    description = "Print a job's resolved services (images, hostnames, environment with masked values hidden,"
        + " warnings) and the equivalent docker commands, without running anything.")
final class PlanCommand implements Callable<Integer> {
  enum Format { text, json }

  @Mixin
  JobOptions options = new JobOptions();

  @Option(names = "--format", paramLabel = "<format>", description = "text (default) or json (schema in the README).")
  Format format = Format.text;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try {
      options.checkRanges();
    } catch (IllegalArgumentException e) {
      return fail(String.valueOf(e.getMessage()), PlanJson.error(String.valueOf(e.getMessage())));
    }
    GitLabCiFile ci;
    try {
      ci = options.read();
    } catch (GitLabCiException e) {
      return fail(String.valueOf(e.getMessage()), PlanJson.error(e));
    } catch (IllegalArgumentException e) {
      return fail(String.valueOf(e.getMessage()), PlanJson.error(String.valueOf(e.getMessage())));
    }
    JobPlan plan;
    JobOptions.Prepared prepared;
    try {
      prepared = options.prepare(ci, false);
      plan = JobPlanner.plan(prepared.job(), options.runner());
    } catch (GitLabCiException e) {
      return fail(String.valueOf(e.getMessage()), PlanJson.error(e));
    } catch (IllegalArgumentException e) {
      return fail(String.valueOf(e.getMessage()), PlanJson.error(String.valueOf(e.getMessage())));
    }
    java.util.List<String> fileWarnings = ci.warnings(prepared.name());
    if (format == Format.json) {
      out.println(PlanJson.of(plan, fileWarnings, DockerCommands.of(plan), prepared.derived(), prepared.rules()));
    } else {
      fileWarnings.forEach(w -> out.println("WARNING: " + w));
      out.println("Rules: " + RunCommand.describe(prepared.rules()));
      out.print(PlanReport.render(plan));
      out.println();
      out.println("Predefined variables derived here (--var KEY=VALUE overrides any):");
      for (CheckoutVariables.Derived d : prepared.derived()) {
        out.println("  " + d.variable().key() + "=" + d.variable().displayValue() + "  (" + d.source() + ")");
      }
      out.println();
      out.println("Equivalent docker commands:");
      DockerCommands.of(plan).forEach(c -> out.println("  " + c));
    }
    return plan.isValid() ? 0 : 1;
  }

  private int fail(String message, String json) {
    if (format == Format.json) {
      spec.commandLine().getOut().println(json);
    } else {
      spec.commandLine().getErr().println("ci-services: " + message);
    }
    return Main.USAGE;
  }
}
