package dev.ciservices.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ciservices.RunnerConfig;
import dev.ciservices.JobPlan;
import dev.ciservices.JobPlanner;
import dev.ciservices.ServicePlan;
import dev.ciservices.Variable;
import dev.ciservices.gitlab.CheckoutVariables;
import dev.ciservices.gitlab.GitLabCiException;
import dev.ciservices.gitlab.GitLabCiFile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code list}: every job (each instance of a parallel job) with its stage, image, services and what its rules say. */
@Command(name = "list", mixinStandardHelpOptions = true,
    description = "List the jobs of .gitlab-ci.yml (each instance of a parallel job on its own) with stage, image,"
        + " services, and whether their rules would run them for these variables.")
final class ListCommand implements Callable<Integer> {
  enum Format { text, json }

  @Option(names = {"-f", "--file"}, paramLabel = "<file>", description = "The CI file (default: ./.gitlab-ci.yml).")
  @Nullable Path file;

  @Option(names = "--var", paramLabel = "KEY=VALUE", description = "A variable, as a project variable would be; "
      + "repeatable.")
  List<String> variables = new ArrayList<>();

  @Option(names = "--secret", paramLabel = "KEY=VALUE", description = "A masked variable; repeatable.")
  List<String> secrets = new ArrayList<>();

  @Option(names = "--format", paramLabel = "<format>", description = "text (default) or json.")
  Format format = Format.text;

  @picocli.CommandLine.Mixin
  IncludeFlags includes = new IncludeFlags();

  @picocli.CommandLine.Mixin
  RunnerConfigOptions runnerConfig = new RunnerConfigOptions();

  @Spec
  CommandSpec spec;

  /** One row. */
  private record Row(String name, String baseName, java.util.Map<String, String> matrix, String stage,
      @Nullable String image, List<String> services, String when, boolean runs, String reason) {}

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Path path = file != null ? file : Path.of(".gitlab-ci.yml");
    List<Row> rows = new ArrayList<>();
    List<String> missing;
    try {
      List<Variable> given = JobOptions.given(variables, secrets);
      GitLabCiFile ci = includes.read(path, given);
      RunnerConfig runner = runnerConfig.onto(runnerConfig.file == null ? RunnerConfig.builder() : RunnerConfig.local(),
          spec.commandLine().getErr()).build();
      CheckoutVariables checkout = JobOptions.checkout(path, given);
      missing = ci.missingIncludes();
      for (String name : ci.jobNames()) {
        JobOptions.Prepared prepared;
        try {
          prepared = JobOptions.prepare(ci, name, path, given, false, checkout);
        } catch (GitLabCiException e) {
          rows.add(new Row(name, name, java.util.Map.of(), "-", null, List.of(), "error", false, e.problem()));
          continue;
        }
        JobPlan plan = JobPlanner.plan(prepared.job(), runner);
        List<String> services = plan.services().stream().map(ServicePlan::name).toList();
        rows.add(new Row(name, ci.baseName(name), ci.matrix(name), ci.stage(name), plan.jobImage().orElse(null),
            services, prepared.rules().when(), prepared.rules().runs(), prepared.rules().reason()));
      }
    } catch (GitLabCiException e) {
      return fail(String.valueOf(e.getMessage()), PlanJson.error(e));
    } catch (IllegalArgumentException e) {
      return fail(String.valueOf(e.getMessage()), PlanJson.error(String.valueOf(e.getMessage())));
    }
    if (format == Format.json) {
      out.println(json(rows, missing));
    } else {
      missing.forEach(m -> out.println("WARNING: " + m));
      text(rows, out);
    }
    return 0;
  }

  private static void text(List<Row> rows, PrintWriter out) {
    int name = "JOB".length();
    int stage = "STAGE".length();
    int when = "WHEN".length();
    int image = "IMAGE".length();
    for (Row r : rows) {
      name = Math.max(name, r.name().length());
      stage = Math.max(stage, r.stage().length());
      when = Math.max(when, r.when().length());
      image = Math.max(image, r.image() == null ? 1 : r.image().length());
    }
    String format = "%-" + name + "s  %-" + stage + "s  %-" + when + "s  %-" + image + "s  %s%n";
    out.printf(format, "JOB", "STAGE", "WHEN", "IMAGE", "SERVICES");
    for (Row r : rows) {
      out.printf(format, r.name(), r.stage(), r.when(), r.image() == null ? "-" : r.image(),
          r.services().isEmpty() ? "-" : String.join(", ", r.services()));
    }
    out.println();
    for (Row r : rows) {
      out.println(r.name() + ": " + r.reason());
    }
  }

  private static String json(List<Row> rows, List<String> missing) {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    root.put("schemaVersion", PlanJson.SCHEMA_VERSION);
    ArrayNode missingIncludes = root.putArray("missingIncludes");
    missing.forEach(missingIncludes::add);
    ArrayNode jobs = root.putArray("jobs");
    for (Row r : rows) {
      ObjectNode job = jobs.addObject();
      job.put("name", r.name()).put("baseName", r.baseName());
      ObjectNode matrix = job.putObject("matrix");
      r.matrix().forEach(matrix::put);
      job.put("stage", r.stage()).put("image", r.image());
      ArrayNode services = job.putArray("services");
      r.services().forEach(services::add);
      job.put("when", r.when()).put("runs", r.runs()).put("reason", r.reason());
    }
    try {
      return mapper.writeValueAsString(root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
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
