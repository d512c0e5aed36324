package dev.ciservices;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlanReportTest {
  @Test
  void showsWarningsHostnamesAndNamesButNeverAMaskedValue() {
    JobSpec job = JobPlannerTest.endToEndExample().toBuilder()
        .variable(Variable.of("API_TOKEN", "glpat-0123456789").withMasked(true)).build();
    String report = PlanReport.render(JobPlanner.plan(job, RunnerConfig.defaults(), "0123456789abcdef"));
    assertThat(report)
        .contains("WARNING: Skipping alias \"db\" for service \"postgres:16.10\" (services[2]): alias is already in use by"
            + " another service.\n")
        .contains("services[2] postgres:16.10\n  pull:         postgres:16.10 with [always] (Runner config (default))\n"
            + "  hostnames:    postgres, db\n"
            + "  container:    runner-local-project-0-concurrent-0-0123456789abcdef-postgres-2\n"
            + "  kubernetes:   db\n")
        .contains("API_TOKEN=[MASKED]")
        .doesNotContain("glpat-0123456789");
  }

  @Test
  void showsErrorsWithTheLinesGitLabPrintsBeforeFailing() {
    RunnerConfig config = RunnerConfig.builder().allowedServices("redis:*").build();
    String report = PlanReport.render(JobPlanner.plan(JobSpec.ofServices(ServiceSpec.of("mysql:8")), config, "0123456789abcdef"));
    assertThat(report).contains("ERROR: The \"mysql:8\" image is not present on list of allowed services:\n- redis:*\n"
        + "Please check runner's allowed_images configuration: https://docs.gitlab.com/runner/configuration/advanced-configuration/\n"
        + "ERROR: services[0].name \"mysql:8\": disallowed image;");
  }
}
