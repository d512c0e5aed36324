package dev.ciservices.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciservices.RunnerConfig;
import dev.ciservices.InvalidPlanException;
import dev.ciservices.JobPlan;
import dev.ciservices.JobPlanner;
import dev.ciservices.JobSpec;
import dev.ciservices.PlanReport;
import dev.ciservices.PullPolicy;
import dev.ciservices.ServicePlan;
import dev.ciservices.ServiceSpec;
import dev.ciservices.Variable;
import dev.ciservices.docker.DockerCommands;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each way a secret could leave the library without a container engine: the plan report, the JSON,
 * the docker commands, the plan's and the services' text, plan errors and exceptions, the CLI's
 * lines. Each case prints what a user would see, then asserts the secret is nowhere in it.
 */
class MaskingTest {
  private static final String SECRET = "s3cr3t-T0ken.value";
  private static final RunnerConfig RUNNER = RunnerConfig.builder().pullPolicy(PullPolicy.IF_NOT_PRESENT).build();

  @TempDir
  Path dir;

  /** Every text of a plan that a user can see, each labelled. */
  private static List<String> outputs(JobPlan plan) {
    List<String> all = new ArrayList<>();
    all.add("PlanReport:\n" + PlanReport.render(plan));
    all.add("JobPlan.toString: " + plan);
    plan.services().forEach(s -> all.add("ServicePlan.toString: " + s));
    plan.services().forEach(s -> all.add("container name: " + s.containerName() + ", labels: " + s.labels()
        + ", hostnames: " + s.hostnames() + ", kubernetes: " + s.kubernetesName()));
    all.add("labels: " + plan.labels());
    all.add("warnings: " + plan.warnings());
    all.add("errors: " + plan.errors());
    all.add("docker commands:\n" + DockerCommands.script(plan));
    all.add("JSON:\n" + PlanJson.of(plan, List.of(), DockerCommands.of(plan), List.of(),
        new dev.ciservices.gitlab.RuleOutcome("on_success", "no rules", List.of())));
    if (!plan.isValid()) {
      try {
        plan.requireValid();
      } catch (InvalidPlanException e) {
        all.add("InvalidPlanException: " + e.getMessage());
      }
    }
    return all;
  }

  private static void assertNowhere(String secret, String testCase, List<String> outputs) {
    System.out.println("=== masking case: " + testCase);
    outputs.forEach(System.out::println);
    for (String output : outputs) {
      assertThat(output).as(testCase).doesNotContain(secret);
    }
  }

  private static JobPlan plan(JobSpec.Builder job) {
    return JobPlanner.plan(job.build(), RUNNER, "0123456789abcdef");
  }

  @Test
  void aPublicVariableThatReferencesAMaskedOneIsMaskedWhereverItIsShown() {
    JobPlan plan = plan(JobSpec.builder().image("ci-services/clients:latest")
        .variable(Variable.secret("DB_PASSWORD", SECRET))
        .variable("DATABASE_URL", "postgres://app:$DB_PASSWORD@db/app")
        .service(ServiceSpec.builder("postgres:15").alias("db").build()));
    assertThat(plan.isValid()).isTrue();
    ServicePlan db = plan.services().get(0);
    // GitLab's behaviour for what services get is kept: the public variable holds the secret
    assertThat(db.environmentEntries()).contains("DATABASE_URL=postgres://app:" + SECRET + "@db/app");
    assertThat(PlanReport.render(plan)).contains("DATABASE_URL=postgres://app:[MASKED]@db/app");
    assertThat(DockerCommands.script(plan)).contains(" -e DATABASE_URL ").doesNotContain("-e DB_PASSWORD=");
    assertNowhere(SECRET, "public variable referencing a masked one", outputs(plan));
  }

  @Test
  void aMaskedValueInAnAliasIsAPlanErrorThatDoesNotShowIt() {
    JobPlan plan = plan(JobSpec.builder().variable(Variable.secret("TOKEN", SECRET))
        .service(ServiceSpec.builder("postgres:15").alias("db-$TOKEN").build()));
    assertThat(plan.errors()).extracting(e -> e.describe()).containsExactly(
        "services[0].alias \"db-[MASKED]\": a hostname cannot hold a masked value; every container of the job sees"
            + " its hostnames, unmasked; use a public variable or a plain alias");
    assertThat(plan.services().get(0).hostnames()).containsExactly("postgres");
    assertNowhere(SECRET, "masked value expanded into an alias", outputs(plan));
  }

  @Test
  void aMaskedValueInAnImageNameIsMaskedInNamesAndLabels() {
    String secret = "s3cr3t-t0ken.value"; // an image path is lower case
    JobPlan plan = plan(JobSpec.builder().variable(Variable.secret("REGISTRY_TOKEN", secret))
        .service(ServiceSpec.builder("registry.example.com/$REGISTRY_TOKEN/postgres:15").alias("db").build()));
    ServicePlan db = plan.services().get(0);
    assertThat(db.pullImage()).contains(secret); // what the engine gets
    assertThat(db.containerName()).isEqualTo("runner-local-project-0-concurrent-0-0123456789abcdef-"
        + "registry.example.com__masked__postgres-0");
    assertThat(db.labels()).containsEntry("dev.ciservices.service", "registry.example.com/masked/postgres");
    assertThat(plan.warnings()).contains("services[0].name holds a masked value: the trace, plan, container name"
        + " and labels show it as [MASKED], but the engine gets the image name in clear");
    assertNowhere(secret, "masked value expanded into an image name", outputs(plan));
  }

  @Test
  void aMaskedValueInHealthcheckTcpPortIsMaskedInTheError() {
    JobPlan plan = plan(JobSpec.builder().variable(Variable.secret("PORT_TOKEN", SECRET))
        .variable("HEALTHCHECK_TCP_PORT", "$PORT_TOKEN").service(ServiceSpec.builder("postgres:15").build()));
    assertThat(plan.errors()).hasSize(1);
    assertThat(plan.errors().get(0).describe()).startsWith("variables.HEALTHCHECK_TCP_PORT \"[MASKED]\": ");
    assertNowhere(SECRET, "masked value expanded into HEALTHCHECK_TCP_PORT", outputs(plan));
  }

  @Test
  void aValueGitLabCannotMaskIsRefusedWithoutShowingIt() {
    String multiLine = "first-line-of-key\nsecond-line-of-key";
    JobPlan plan = plan(JobSpec.builder()
        .variable(Variable.secret("SSH_KEY", multiLine))
        .variable(Variable.secret("SHORT", "pw12"))
        .variable(Variable.secret("SPACED", "has a space in it"))
        .variable(Variable.secret("UNICODE", "pässwörd-secret"))
        .service(ServiceSpec.builder("redis:7").build()));
    assertThat(plan.errors()).extracting(e -> e.describe()).containsExactly(
        "variables.SSH_KEY \"[MASKED]\": the value cannot be masked: it spans several lines, and GitLab masks only"
            + " a single line; give it a value GitLab can mask, or do not mark it masked",
        "variables.SHORT \"[MASKED]\": the value cannot be masked: it has 4 characters, and GitLab masks only values"
            + " of at least 8; give it a value GitLab can mask, or do not mark it masked",
        "variables.SPACED \"[MASKED]\": the value cannot be masked: it holds a space, and GitLab masks only letters,"
            + " digits and the characters + / = @ : . ~ - _; give it a value GitLab can mask, or do not mark it masked",
        "variables.UNICODE \"[MASKED]\": the value cannot be masked: it holds U+00E4, U+00F6, and GitLab masks only"
            + " letters, digits and the characters + / = @ : . ~ - _; give it a value GitLab can mask, or do not mark"
            + " it masked");
    List<String> outputs = outputs(plan);
    assertNowhere("first-line-of-key", "multi-line masked value, first line", outputs);
    assertNowhere("second-line-of-key", "multi-line masked value, second line", outputs);
    assertNowhere("has a space in it", "value with a space", outputs);
    assertNowhere("pässwörd-secret", "non-ASCII value", outputs);
  }

  @Test
  void theCommandLineNeverEchoesASecretArgument() throws Exception {
    Path file = dir.resolve(".gitlab-ci.yml");
    Files.writeString(file, "test:\n  image: alpine:3\n  services: [redis:7]\n  script: [\"true\"]\n");
    List<String> outputs = new ArrayList<>();
    Cli noEquals = Cli.run("plan", "test", "--file", file.toString(), "--secret", SECRET);
    assertThat(noEquals.status()).isEqualTo(2);
    assertThat(noEquals.err()).isEqualTo("ci-services: --secret an argument is not KEY=VALUE (not shown: it may hold"
        + " the secret); e.g. --secret POSTGRES_PASSWORD=example\n");
    outputs.add("--secret without '=': " + noEquals.err() + noEquals.out());
    Cli badKey = Cli.run("plan", "test", "--file", file.toString(), "--secret", "BAD-KEY=" + SECRET);
    assertThat(badKey.status()).isEqualTo(2);
    assertThat(badKey.err()).startsWith("ci-services: --secret \"BAD-KEY=[MASKED]\": variable key \"BAD-KEY\" is"
        + " invalid");
    outputs.add("--secret with a bad key: " + badKey.err() + badKey.out());
    Cli tooShort = Cli.run("plan", "test", "--file", file.toString(), "--secret", "PW=short");
    assertThat(tooShort.status()).isEqualTo(1);
    assertThat(tooShort.out()).contains("ERROR: variables.PW \"[MASKED]\": the value cannot be masked: it has 5"
        + " characters, and GitLab masks only values of at least 8; give it a value GitLab can mask, or do not mark it"
        + " masked\n");
    outputs.add("--secret too short: " + tooShort.err() + tooShort.out());
    Cli misspelt = Cli.run("plan", "test", "--file", file.toString(), "--secret=TOKEN=" + SECRET, "--scret", SECRET);
    assertThat(misspelt.status()).isEqualTo(2);
    outputs.add("misspelt option after a secret: " + misspelt.err() + misspelt.out());
    Cli json = Cli.run("plan", "test", "--file", file.toString(), "--format", "json", "--secret", "TOKEN=" + SECRET,
        "--var", "URL=https://u:$TOKEN@example.com");
    assertThat(json.status()).isZero();
    assertThat(json.out()).contains("\"value\" : \"https://u:[MASKED]@example.com\"");
    outputs.add("plan --format json: " + json.out());
    assertNowhere(SECRET, "command line arguments", outputs);
    assertNowhere("short", "a too short secret", List.of(tooShort.err(), tooShort.out()));
  }
}
