package dev.ciservices.gitlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ciservices.RunnerConfig;
import dev.ciservices.JobPlan;
import dev.ciservices.JobPlanner;
import dev.ciservices.JobSpec;
import dev.ciservices.ServicePlan;
import dev.ciservices.Variable;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each {@code yaml} block of GitLab's "Services" documentation page (copied to
 * {@code src/test/resources/docs-examples}), read and planned under {@link RunnerConfig#defaults()}.
 * Blocks that are fragments without a job get a job appended, as a user would write one.
 */
class DocumentationExamplesTest {
  private static final String ID = "0123456789abcdef";

  static Path resource(String name) {
    try {
      return Path.of(DocumentationExamplesTest.class.getResource("/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static GitLabCiFile example(int n) {
    return GitLabCiFile.read(resource(String.format("docs-examples/example-%02d.yml", n)));
  }

  /** A fragment of the page plus a job that uses it. */
  private static GitLabCiFile fragment(int n) throws IOException {
    String name = String.format("example-%02d.yml", n);
    String text = Files.readString(resource("docs-examples/" + name));
    return GitLabCiFile.parse(text + "\njob:\n  script:\n    - echo\n", name);
  }

  private static JobPlan plan(JobSpec job) {
    return JobPlanner.plan(job, RunnerConfig.defaults(), ID);
  }

  private static List<List<String>> hostnames(JobPlan plan) {
    return plan.services().stream().map(ServicePlan::hostnames).toList();
  }

  private static Map<String, String> env(ServicePlan service) {
    Map<String, String> env = new LinkedHashMap<>();
    service.environment().forEach(v -> env.put(v.key(), v.value()));
    return env;
  }

  @Test
  void servicesDoNotAddSoftwareToTheJobImage() {
    GitLabCiFile ci = example(1);
    JobSpec job = ci.job("job");
    JobPlan plan = plan(job);

    assertThat(ci.jobNames()).containsExactly("job");
    assertThat(plan.jobImage()).contains("alpine:3.7");
    assertThat(plan.services()).extracting(ServicePlan::name).containsExactly("php:7", "node:latest", "golang:1.10");
    assertThat(hostnames(plan)).containsExactly(List.of("php"), List.of("node"), List.of("golang"));
    assertThat(job.script()).containsExactly("php -v", "node -v", "go version");
    assertThat(plan.isValid()).isTrue();
    assertThat(ci.warnings()).isEmpty();
  }

  @Test
  void eachJobHasItsOwnImageAndServicesAndTheDefaultBeforeScript() {
    GitLabCiFile ci = example(2);

    assertThat(ci.jobNames()).containsExactly("test:2.6", "test:2.7");
    JobPlan p26 = plan(ci.job("test:2.6"));
    JobPlan p27 = plan(ci.job("test:2.7"));
    assertThat(p26.jobImage()).contains("ruby:2.6");
    assertThat(p27.jobImage()).contains("ruby:2.7");
    assertThat(p26.services()).extracting(ServicePlan::name).containsExactly("postgres:11.7");
    assertThat(p27.services()).extracting(ServicePlan::name).containsExactly("postgres:12.2");
    assertThat(hostnames(p26)).containsExactly(List.of("postgres"));
    assertThat(ci.job("test:2.6").beforeScript()).containsExactly("bundle install");
    assertThat(ci.job("test:2.7").beforeScript()).containsExactly("bundle install");
    assertThat(ci.job("test:2.7").script()).containsExactly("bundle exec rake spec");
    assertThat(p27.jobVariables()).contains(Variable.of("CI_JOB_NAME", "test:2.7"));
  }

  @Test
  void extendedImageAndServiceOptionsComeFromDefault() {
    JobSpec job = example(3).job("test");
    JobPlan plan = plan(job);
    ServicePlan pg = plan.services().get(0);

    assertThat(job.image()).hasValueSatisfying(i -> {
      assertThat(i.name()).isEqualTo("ruby:2.6");
      assertThat(i.entrypoint()).containsExactly("/bin/bash");
    });
    assertThat(pg.name()).isEqualTo("my-postgres:11.7");
    assertThat(pg.userAliases()).containsExactly("db", "postgres", "pg");
    assertThat(pg.hostnames()).containsExactly("my-postgres", "db", "postgres", "pg");
    assertThat(pg.entrypoint()).containsExactly("/usr/local/bin/db-postgres");
    assertThat(pg.command()).containsExactly("start");
    assertThat(job.beforeScript()).containsExactly("bundle install");
    assertThat(job.script()).containsExactly("bundle exec rake spec");
  }

  @Test
  void aFragmentWithoutAJobIsRejectedAsGitLabRejectsIt() throws IOException {
    String text = Files.readString(resource("docs-examples/example-04.yml"));

    assertThatThrownBy(() -> GitLabCiFile.parse(text, "example-04.yml"))
        .isInstanceOf(GitLabCiException.class)
        .hasMessage("example-04.yml: jobs config should contain at least one visible job");
  }

  @Test
  void aNamespacedImageAnswersToBothDefaultAliases() throws IOException {
    JobPlan plan = plan(fragment(4).job("job"));

    assertThat(plan.services()).extracting(ServicePlan::name).containsExactly("tutum/wordpress:latest");
    assertThat(hostnames(plan)).containsExactly(List.of("tutum__wordpress", "tutum-wordpress"));
  }

  @Test
  void connectedServicesGetTheirAliasesAndTheJobVariables() {
    JobSpec job = example(5).job("end-to-end-tests");

    assertThat(job.variables()).containsExactly(Variable.of("FF_NETWORK_PER_BUILD", "1"),
        Variable.of("POSTGRES_PASSWORD", "supersecretpassword"), Variable.of("BACKEND_POSTGRES_HOST", "postgres"));
    assertThat(job.services()).extracting(s -> s.name() + " / " + s.alias()).containsExactly(
        "selenium/standalone-firefox:${FIREFOX_VERSION} / firefox",
        "registry.gitlab.com/organization/private-api:latest / backend-api",
        "postgres:16.10 / db postgres db");

    // FIREFOX_VERSION is a project variable in the documentation's setting; without it the name is invalid.
    JobPlan bare = plan(job);
    assertThat(bare.errors()).singleElement().satisfies(e -> {
      assertThat(e.field()).isEqualTo("services[0].name");
      assertThat(e.value()).isEqualTo("selenium/standalone-firefox:");
    });

    JobPlan plan = plan(job.withVariable(Variable.secret("FIREFOX_VERSION", "128.0").withMasked(false)));
    assertThat(plan.isValid()).isTrue();
    assertThat(plan.services()).extracting(ServicePlan::name).containsExactly(
        "selenium/standalone-firefox:128.0", "registry.gitlab.com/organization/private-api:latest", "postgres:16.10");
    assertThat(hostnames(plan)).containsExactly(
        List.of("selenium__standalone-firefox", "selenium-standalone-firefox", "firefox"),
        List.of("registry.gitlab.com__organization__private-api", "registry.gitlab.com-organization-private-api",
            "backend-api"),
        List.of("postgres", "db"));
    assertThat(plan.warnings()).containsExactly("Skipping alias \"postgres\" for service \"postgres:16.10\" "
            + "(services[2]): alias is already in use by another service.",
        "Skipping alias \"db\" for service \"postgres:16.10\" (services[2]): alias is already in use by another "
            + "service.");
    assertThat(env(plan.service("db").orElseThrow())).containsEntry("POSTGRES_PASSWORD", "supersecretpassword")
        .containsEntry("BACKEND_POSTGRES_HOST", "postgres").doesNotContainKey("FIREFOX_VERSION");
  }

  @Test
  void globalVariablesReachTheServiceFromDefault() {
    JobSpec job = example(6).job("test");
    JobPlan plan = plan(job);
    ServicePlan db = plan.service("db").orElseThrow();

    assertThat(job.variables()).extracting(Variable::key).containsExactly("HTTPS_PROXY", "HTTP_PROXY",
        "POSTGRES_DB", "POSTGRES_USER", "POSTGRES_PASSWORD", "PGDATA", "POSTGRES_INITDB_ARGS");
    assertThat(db.name()).isEqualTo("postgres:11.7");
    assertThat(db.hostnames()).containsExactly("postgres", "db");
    assertThat(db.entrypoint()).containsExactly("docker-entrypoint.sh");
    assertThat(db.command()).containsExactly("postgres");
    assertThat(env(db)).containsEntry("POSTGRES_DB", "my_custom_db").containsEntry("POSTGRES_USER", "postgres")
        .containsEntry("POSTGRES_PASSWORD", "example").containsEntry("PGDATA", "/var/lib/postgresql/data")
        .containsEntry("POSTGRES_INITDB_ARGS", "--encoding=UTF8 --data-checksums")
        .containsEntry("HTTPS_PROXY", "https://10.1.1.1:8090");
    assertThat(job.image()).hasValueSatisfying(i -> assertThat(i.entrypoint()).containsExactly("/bin/bash"));
    assertThat(job.beforeScript()).containsExactly("bundle install");
  }

  @Test
  void twoServicesFromOneImageWithoutAliasesShareOneHostname() throws IOException {
    JobPlan plan = plan(fragment(7).job("job"));

    assertThat(plan.services()).extracting(ServicePlan::name).containsExactly("mysql:latest", "mysql:latest");
    assertThat(hostnames(plan)).containsExactly(List.of("mysql"), List.of());
    assertThat(plan.warnings()).containsExactly("Skipping alias \"mysql\" for service \"mysql:latest\" "
        + "(services[1]): alias is already in use by another service.");
  }

  @Test
  void twoServicesFromOneImageWithAliasesAreBothReachable() throws IOException {
    JobPlan plan = plan(fragment(8).job("job"));

    assertThat(hostnames(plan)).containsExactly(List.of("mysql", "mysql-1"), List.of("mysql-2"));
    assertThat(plan.service("mysql-2")).hasValueSatisfying(s -> assertThat(s.index()).isEqualTo(1));
  }

  @Test
  void aServiceImageBuiltWithItsCommand() throws IOException {
    JobPlan plan = plan(fragment(9).job("job"));

    assertThat(hostnames(plan)).containsExactly(List.of("my-super-sql"));
    assertThat(plan.services().get(0).command()).isEmpty();
  }

  @Test
  void aServiceCommandSetInTheFile() throws IOException {
    JobPlan plan = plan(fragment(10).job("job"));
    ServicePlan sql = plan.services().get(0);

    assertThat(sql.name()).isEqualTo("super/sql:latest");
    assertThat(sql.command()).containsExactly("/usr/bin/super-sql", "run");
    assertThat(sql.entrypoint()).isEmpty();
    assertThat(sql.hostnames()).containsExactly("super__sql", "super-sql");
  }

  @Test
  void kubernetesContainerNamesFromOneAliasPerService() {
    JobPlan plan = plan(example(11).job("job"));

    assertThat(plan.services()).extracting(ServicePlan::kubernetesName).containsExactly("alpine", "mysql");
    assertThat(hostnames(plan)).containsExactly(List.of("alpine"), List.of("mysql"));
    assertThat(plan.job().script()).containsExactly("sleep 10");
  }

  @Test
  void kubernetesContainerNamesFallBackToSvcWhenAnAliasIsTaken() {
    JobPlan plan = plan(example(12).job("job"));

    assertThat(plan.services()).extracting(ServicePlan::name).containsExactly("mysql:lts", "mysql:latest");
    assertThat(plan.services()).extracting(ServicePlan::kubernetesName).containsExactly("mysql", "svc-0");
    assertThat(hostnames(plan)).containsExactly(List.of("mysql"), List.of());
  }

  @Test
  void kubernetesContainerNamesFromSeveralAliasesPerService() {
    JobPlan plan = plan(example(13).job("job"));

    assertThat(plan.services()).extracting(ServicePlan::userAliases).containsExactly(
        List.of("alpine", "alpine-latest"), List.of("alpine", "alpine-edge", "alpine-latest"));
    assertThat(plan.services()).extracting(ServicePlan::kubernetesName).containsExactly("alpine", "alpine-edge");
  }

  @Test
  void kubernetesContainerNamesForThreeServicesWithTheSameAliases() {
    JobPlan plan = plan(example(14).job("job"));

    assertThat(plan.services()).extracting(ServicePlan::name).containsExactly("alpine:latest", "alpine:edge",
        "alpine:3.21");
    assertThat(plan.services()).extracting(ServicePlan::kubernetesName).containsExactly("alpine", "alpine-edge",
        "svc-0");
  }

  @Test
  void dockerInDockerNextToAServiceWithAMultiLineScript() {
    GitLabCiFile ci = example(15);
    JobSpec job = ci.job("access-service");
    JobPlan plan = plan(job);

    assertThat(hostnames(plan)).containsExactly(List.of("docker"), List.of("tutum__wordpress", "tutum-wordpress"));
    assertThat(job.variables()).containsExactly(Variable.of("FF_NETWORK_PER_BUILD", "true"));
    assertThat(job.script()).singleElement().satisfies(s -> assertThat(s)
        .startsWith("docker run --rm --name curl \\\n")
        .endsWith("curlimages/curl:7.74.0 curl \"http://tutum-wordpress\"\n"));
    assertThat(plan.jobImage()).contains("docker:20.10.16");
    assertThat(ci.warnings()).isEmpty();
  }

  @Test
  void ciDebugServicesTurnsOnServiceLogs() throws IOException {
    JobSpec job = fragment(16).job("job");

    assertThat(job.variables()).containsExactly(Variable.of("CI_DEBUG_SERVICES", "true"));
    assertThat(plan(job).debugServices()).isTrue();
  }
}
