package dev.ciservices.gitlab;

import static dev.ciservices.gitlab.DocumentationExamplesTest.resource;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ciservices.RunnerConfig;
import dev.ciservices.JobPlan;
import dev.ciservices.JobPlanner;
import dev.ciservices.JobSpec;
import dev.ciservices.PullPolicy;
import dev.ciservices.ServicePlan;
import dev.ciservices.Variable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Whole files in the style of public projects (see {@code src/test/resources/realistic}), read and planned. */
class RealisticFilesTest {
  private static final String ID = "fedcba9876543210";

  private static GitLabCiFile read(String project) {
    return GitLabCiFile.read(resource("realistic/" + project + "/.gitlab-ci.yml"));
  }

  private static JobPlan plan(JobSpec job) {
    return JobPlanner.plan(job, RunnerConfig.defaults(), ID);
  }

  private static Map<String, String> env(ServicePlan service) {
    Map<String, String> env = new LinkedHashMap<>();
    service.environment().forEach(v -> env.put(v.key(), v.value()));
    return env;
  }

  @Test
  void railsAppWithPostgresAndRedis() {
    GitLabCiFile ci = read("rails");

    assertThat(ci.jobNames()).containsExactly("rubocop", "rspec 1/4", "rspec 2/4", "rspec 3/4", "rspec 4/4",
        "system-tests", "deploy");
    assertThat(ci.warnings()).isEmpty();
    assertThat(ci.job("rubocop").services()).isEmpty();

    JobPlan rspec = plan(ci.job("rspec 2/4"));
    assertThat(rspec.jobVariables()).extracting(Variable::toEnvEntry).contains("CI_NODE_INDEX=2", "CI_NODE_TOTAL=4");
    assertThat(rspec.isValid()).isTrue();
    assertThat(rspec.jobImage()).contains("ruby:3.3.4");
    assertThat(rspec.services()).extracting(ServicePlan::hostnames)
        .containsExactly(List.of("postgres", "db"), List.of("redis", "cache"));
    ServicePlan db = rspec.service("db").orElseThrow();
    assertThat(db.command()).containsExactly("postgres", "-c", "fsync=off", "-c", "synchronous_commit=off", "-c",
        "full_page_writes=off");
    assertThat(env(db)).containsEntry("POSTGRES_DB", "app_test").containsEntry("POSTGRES_PASSWORD", "")
        .containsEntry("POSTGRES_HOST_AUTH_METHOD", "trust").containsEntry("RAILS_ENV", "test");
    assertThat(ci.job("rspec 1/4").beforeScript()).containsExactly("gem install bundler --no-document",
        "bundle config set --local deployment 'true'", "bundle install --jobs $(nproc)");

    JobSpec system = ci.job("system-tests");
    assertThat(system.image()).hasValueSatisfying(i -> assertThat(i.name()).isEqualTo("ruby:3.3.4-bookworm"));
    assertThat(system.beforeScript()).containsExactly("apt-get update -qq && apt-get install -y -qq chromium",
        "gem install bundler --no-document", "bundle config set --local deployment 'true'",
        "bundle install --jobs $(nproc)");
    assertThat(system.variables()).endsWith(Variable.of("CHROME_HEADLESS", "1"),
        Variable.of("CAPYBARA_SERVER_HOST", "0.0.0.0"));
    assertThat(system.afterScript()).containsExactly("cp -r tmp/screenshots screenshots || true");

    JobSpec deploy = ci.job("deploy");
    assertThat(deploy.services()).isEmpty();
    assertThat(deploy.beforeScript()).isEmpty();
    assertThat(deploy.image()).hasValueSatisfying(i -> assertThat(i.name()).isEqualTo("ruby:3.3.4"));
  }

  @Test
  void nodeAppWithMysqlSeleniumAndAnApiFromTheRegistry() {
    GitLabCiFile ci = read("node");

    assertThat(ci.jobNames()).containsExactly("unit", "e2e");
    assertThat(ci.warnings()).isEmpty();
    JobSpec unit = ci.job("unit");
    assertThat(unit.image()).hasValueSatisfying(i -> assertThat(i.name()).isEqualTo("node:20.17-alpine"));
    assertThat(unit.beforeScript()).containsExactly("npm ci --cache .npm --prefer-offline");
    assertThat(unit.variables()).extracting(Variable::key).containsExactly("MYSQL_DATABASE", "MYSQL_ROOT_PASSWORD",
        "DB_HOST", "SELENIUM_REMOTE_URL", "NODE_ENV");
    assertThat(plan(unit).services()).extracting(ServicePlan::hostnames).containsExactly(List.of("mysql"));

    JobSpec e2e = ci.job("e2e").toBuilder()
        .variable(Variable.internal("CI_REGISTRY_IMAGE", "registry.gitlab.com/acme/shop"))
        .variable(Variable.internal("CI_COMMIT_SHORT_SHA", "1a2b3c4d"))
        .build();
    // A default runner allows only its own pull policy, as GitLab's does; this one allows the requested one.
    assertThat(plan(e2e).errors()).singleElement().satisfies(e -> assertThat(e.message())
        .isEqualTo("invalid pull policy for image \"registry.gitlab.com/acme/shop/api:1a2b3c4d\": pull_policy "
            + "([if-not-present]) defined in GitLab pipeline config is not one of the allowed_pull_policies ([always])"));
    JobPlan plan = JobPlanner.plan(e2e, RunnerConfig.builder()
        .allowedPullPolicies(PullPolicy.ALWAYS, PullPolicy.IF_NOT_PRESENT).build(), ID);
    assertThat(plan.errors()).isEmpty();
    assertThat(plan.services()).extracting(ServicePlan::name).containsExactly("mysql:8.4",
        "selenium/standalone-chrome:4.23.0", "registry.gitlab.com/acme/shop/api:1a2b3c4d");
    assertThat(plan.services()).extracting(ServicePlan::hostnames).containsExactly(List.of("mysql"),
        List.of("selenium__standalone-chrome", "selenium-standalone-chrome", "selenium"),
        List.of("registry.gitlab.com__acme__shop__api", "registry.gitlab.com-acme-shop-api", "api"));
    assertThat(plan.services().get(0).command()).containsExactly("--character-set-server=utf8mb4",
        "--collation-server=utf8mb4_unicode_ci");
    assertThat(env(plan.service("selenium").orElseThrow())).containsEntry("SE_NODE_MAX_SESSIONS", "2")
        .containsEntry("SE_NODE_OVERRIDE_MAX_SESSIONS", "true").containsEntry("MYSQL_DATABASE", "shop_test");
    assertThat(plan.service("api").orElseThrow().pullPolicy().requested()).containsExactly(PullPolicy.IF_NOT_PRESENT);
    assertThat(ci.job("e2e").variables()).endsWith(Variable.of("NODE_ENV", "test"),
        Variable.of("API_URL", "http://api:8080"));
  }

  @Test
  void goServiceWithExtendsAnchorsReferencesAndWildcardIncludes() {
    GitLabCiFile ci = read("go");

    assertThat(ci.jobNames()).containsExactly("build-image", "lint", "unit", "integration");
    assertThat(ci.warnings()).isEmpty();

    JobSpec lint = ci.job("lint");
    assertThat(lint.image()).hasValueSatisfying(i -> assertThat(i.name()).isEqualTo("golangci/golangci-lint:v1.61.0"));
    assertThat(lint.beforeScript()).containsExactly("mkdir -p .go", "go version");
    assertThat(lint.script()).containsExactly("golangci-lint run ./...");

    JobSpec integration = ci.job("integration");
    assertThat(integration.script()).containsExactly("mkdir -p .go", "go version", "go run ./cmd/migrate up",
        "go test -tags=integration ./...");
    assertThat(integration.afterScript()).containsExactly("go run ./cmd/dump-state || true");
    assertThat(integration.variables()).containsExactly(Variable.of("GOPATH", "$CI_PROJECT_DIR/.go"),
        Variable.of("GOFLAGS", "-mod=readonly"), Variable.of("CGO_ENABLED", "0"), Variable.of("GO_VERSION", "1.23"),
        Variable.of("DATABASE_URL", "postgres://postgres:test@pg:5432/orders?sslmode=disable"),
        Variable.of("KAFKA_BROKERS", "kafka:9092"));

    JobPlan plan = plan(integration);
    assertThat(plan.isValid()).isTrue();
    assertThat(plan.jobImage()).contains("golang:1.23-bookworm");
    assertThat(plan.services()).extracting(ServicePlan::hostnames).containsExactly(List.of("postgres", "pg"),
        List.of("bitnami__kafka", "bitnami-kafka", "kafka"));
    assertThat(env(plan.service("pg").orElseThrow())).containsEntry("POSTGRES_PASSWORD", "test")
        .containsEntry("POSTGRES_DB", "orders").containsEntry("KAFKA_BROKERS", "kafka:9092");
    assertThat(env(plan.service("kafka").orElseThrow())).containsEntry("KAFKA_CFG_NODE_ID", "0")
        .containsEntry("KAFKA_CFG_PROCESS_ROLES", "controller,broker")
        .doesNotContainKey("POSTGRES_PASSWORD");

    JobPlan dind = plan(ci.job("build-image"));
    assertThat(dind.services()).singleElement().satisfies(s -> {
      assertThat(s.hostnames()).containsExactly("docker");
      assertThat(s.command()).containsExactly("--tls=false");
    });
    assertThat(env(dind.services().get(0))).containsEntry("DOCKER_TLS_CERTDIR", "");
  }
}
