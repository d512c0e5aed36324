package dev.ciservices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JobPlannerTest {
  private static final String ID = "0123456789abcdef";
  private static final RunnerConfig LOCAL = RunnerConfig.builder().pullPolicy(PullPolicy.IF_NOT_PRESENT).build();

  private static JobPlan plan(JobSpec job) {
    return JobPlanner.plan(job, LOCAL, ID);
  }

  private static Map<String, String> env(ServicePlan service) {
    Map<String, String> env = new java.util.LinkedHashMap<>();
    service.environment().forEach(v -> env.put(v.key(), v.value()));
    return env;
  }

  /** The documentation's "connecting services" end-to-end example. */
  static JobSpec endToEndExample() {
    return JobSpec.builder()
        .name("end-to-end-tests")
        .image("node:latest")
        .service(ServiceSpec.builder("selenium/standalone-firefox:${FIREFOX_VERSION}").alias("firefox").build())
        .service(ServiceSpec.builder("registry.gitlab.com/organization/private-api:latest").alias("backend-api").build())
        .service(ServiceSpec.builder("postgres:16.10").alias("db postgres db").build())
        .variable(Variable.secret("FIREFOX_VERSION", "128.0").withMasked(false))
        .variable("FF_NETWORK_PER_BUILD", "1")
        .variable("POSTGRES_PASSWORD", "supersecretpassword")
        .variable("BACKEND_POSTGRES_HOST", "postgres")
        .script("npm install", "npm test")
        .build();
  }

  @Test
  void resolvesTheDocumentationsEndToEndExample() {
    JobPlan plan = plan(endToEndExample());
    assertThat(plan.errors()).isEmpty();
    assertThat(plan.services()).extracting(ServicePlan::name).containsExactly(
        "selenium/standalone-firefox:128.0", "registry.gitlab.com/organization/private-api:latest", "postgres:16.10");
    assertThat(plan.services()).extracting(ServicePlan::hostnames).containsExactly(
        List.of("selenium__standalone-firefox", "selenium-standalone-firefox", "firefox"),
        List.of("registry.gitlab.com__organization__private-api", "registry.gitlab.com-organization-private-api",
            "backend-api"),
        List.of("postgres", "db"));
    assertThat(plan.warnings()).containsExactly(
        "Skipping alias \"postgres\" for service \"postgres:16.10\" (services[2]): alias is already in use by another service.",
        "Skipping alias \"db\" for service \"postgres:16.10\" (services[2]): alias is already in use by another service.");
    assertThat(plan.services()).extracting(ServicePlan::kubernetesName).containsExactly("firefox", "backend-api", "db");
    ServicePlan postgres = plan.service("db").orElseThrow();
    assertThat(postgres.containerName()).isEqualTo("runner-local-project-0-concurrent-0-" + ID + "-postgres-2");
    assertThat(postgres.startingLine()).isEqualTo("Starting service postgres:16.10...");
    assertThat(postgres.logName()).isEqualTo("postgres-db");
    assertThat(env(postgres)).containsEntry("POSTGRES_PASSWORD", "supersecretpassword")
        .containsEntry("BACKEND_POSTGRES_HOST", "postgres")
        .containsEntry("CI_PROJECT_DIR", "/builds/local/project")
        .doesNotContainKey("FIREFOX_VERSION");
    assertThat(plan.service("firefox").orElseThrow().pullImage()).isEqualTo("selenium/standalone-firefox:128.0");
    assertThat(plan.networkName()).contains("runner-local-0-0-0-" + ID);
    assertThat(plan.waitingLine()).contains("Waiting for services to be up and running (timeout 30 seconds)...");
  }

  @Test
  void twoServicesFromOneImageWithDifferentAliasesBothStart() {
    JobPlan plan = plan(JobSpec.builder()
        .service(ServiceSpec.builder("mysql:latest").alias("mysql-1").build())
        .service(ServiceSpec.builder("mysql:latest").alias("mysql-2").build())
        .build());
    assertThat(plan.services()).extracting(ServicePlan::hostnames)
        .containsExactly(List.of("mysql", "mysql-1"), List.of("mysql-2"));
    assertThat(plan.warnings()).containsExactly("Skipping alias \"mysql\" for service \"mysql:latest\" (services[1]):"
        + " alias is already in use by another service.");
    assertThat(plan.services()).extracting(ServicePlan::containerName).containsExactly(
        "runner-local-project-0-concurrent-0-" + ID + "-mysql-0", "runner-local-project-0-concurrent-0-" + ID + "-mysql-1");
  }

  @Test
  void theSameImageTwiceWithoutAliasesStartsTwoContainersAsDocumentedButOnlyTheFirstIsReachable() {
    JobPlan plan = plan(JobSpec.ofServices(ServiceSpec.of("mysql:latest"), ServiceSpec.of("mysql:latest")));
    assertThat(plan.services()).hasSize(2);
    assertThat(plan.services().get(1).hostnames()).isEmpty();
    assertThat(plan.services().get(1).logName()).isEqualTo(plan.services().get(1).containerName());
    assertThat(plan.warnings()).containsExactly("Skipping alias \"mysql\" for service \"mysql:latest\" (services[1]):"
        + " alias is already in use by another service.");
  }

  @Test
  void aliasRepeatedWithinOneServiceIsSkippedToo() {
    JobPlan plan = plan(JobSpec.ofServices(ServiceSpec.builder("alpine").alias("alpine alpine").build()));
    assertThat(plan.services().get(0).hostnames()).containsExactly("alpine");
    assertThat(plan.warnings()).containsExactly("Skipping alias \"alpine\" for service \"alpine\" (services[0]):"
        + " alias is already in use by another service.", "Skipping alias \"alpine\" for service \"alpine\""
        + " (services[0]): alias is already in use by another service.");
  }

  @Test
  void namesContainersLikeTheRunnerWithTheShortToken() {
    JobPlan plan = JobPlanner.plan(JobSpec.ofServices(ServiceSpec.of("domain.tld:8080/namespace/service")),
        RunnerConfig.builder().runnerToken("glrt-abcdef1234567890").build(), ID);
    assertThat(plan.services().get(0).containerName())
        .isEqualTo("runner-abcdef123-project-0-concurrent-0-" + ID + "-domain.tld__namespace__service-0");
    assertThat(plan.services().get(0).labels()).containsEntry("dev.ciservices.type", "service")
        .containsEntry("dev.ciservices.service", "domain.tld/namespace/service")
        .containsEntry("dev.ciservices.service.version", "latest")
        .containsEntry("dev.ciservices.managed", "true")
        .containsEntry("dev.ciservices.job.instance", ID);
  }

  @Test
  void servicesGetPublicAndInternalJobVariablesThenTheirOwnExpandedOnce() {
    JobPlan plan = plan(JobSpec.builder()
        .variable(Variable.secret("PROJECT_SECRET", "hunter22"))
        .variable("PUB", "$PROJECT_SECRET")
        .variable(Variable.secret("DB_PASSWORD", "pw"))
        .variable("DB_URL", "postgres://user:$DB_PASSWORD@host/db")
        .variable("CONN", "$DB_URL")
        .variable("FOO", "job-foo")
        .service(ServiceSpec.builder("postgres:16")
            .variable("DB_PASS", "$PROJECT_SECRET")
            .variable("FOO", "${FOO}")
            .variable("BAR", "$FOO-x")
            .variable("URL_OF", "$DB_URL")
            .build())
        .service(ServiceSpec.of("redis:7"))
        .build());
    ServicePlan postgres = plan.services().get(0);
    Map<String, String> env = env(postgres);
    assertThat(env).doesNotContainKeys("PROJECT_SECRET", "DB_PASSWORD")
        .containsEntry("PUB", "hunter22")
        // the runner alone keeps "$DB_PASSWORD" here; GitLab's server resolved the chain before (5.0)
        .containsEntry("CONN", "postgres://user:pw@host/db")
        .containsEntry("DB_PASS", "hunter22")
        .containsEntry("URL_OF", "postgres://user:pw@host/db")
        .containsEntry("BAR", "${FOO}-x");
    // the service's FOO cannot reference itself: the literal overrides the job's FOO (one entry, the later value)
    assertThat(postgres.environment().stream().filter(v -> v.key().equals("FOO")).map(Variable::value))
        .containsExactly("${FOO}");
    assertThat(env(plan.services().get(1))).doesNotContainKeys("DB_PASS", "BAR");
  }

  @Test
  void everyContainerGetsEachVariableOnceWithTheValueThatTakesPrecedence() {
    RunnerConfig runner = LOCAL.toBuilder().environment("SHARED=runner").build();
    JobSpec job = JobSpec.builder().name("test").image("ruby:3.3")
        .variable("SHARED", "file") // .gitlab-ci.yml variables:
        .variable("CI_COMMIT_REF_NAME", "main")
        .service(ServiceSpec.builder("postgres:16").variable("SHARED", "service").build())
        .variable("CI_COMMIT_REF_NAME", "feature") // --var, after the file's
        // the checkout's, before everything added so far; CI_PROJECT_PATH also is one of the planner's own
        .predefinedVariables(List.of(Variable.of("CI_PROJECT_PATH", "group/app"), Variable.of("CI_COMMIT_SHA", "abc123")))
        .build();
    JobPlan plan = JobPlanner.plan(job, runner, ID);
    List<Variable> jobEnv = plan.jobContainer().orElseThrow().environment();
    List<Variable> serviceEnv = plan.services().get(0).environment();
    for (List<Variable> env : List.of(jobEnv, serviceEnv)) {
      assertThat(env).extracting(Variable::key).doesNotHaveDuplicates()
          .containsSubsequence("SHARED", "CI", "CI_PROJECT_PATH", "CI_PROJECT_DIR", "CI_COMMIT_SHA", "CI_COMMIT_REF_NAME");
      assertThat(env.stream().filter(v -> v.key().equals("CI_PROJECT_PATH")).map(Variable::value))
          .containsExactly("group/app");
      assertThat(env.stream().filter(v -> v.key().equals("CI_COMMIT_REF_NAME")).map(Variable::value))
          .containsExactly("feature");
    }
    // at the key's first position (the runner's environment comes first), with the last value
    assertThat(jobEnv.get(0)).isEqualTo(Variable.of("SHARED", "file"));
    assertThat(serviceEnv.get(0)).isEqualTo(Variable.of("SHARED", "service"));
    // the job's variables as given stay in the plan, duplicates included, in precedence order
    assertThat(plan.jobVariables().stream().filter(v -> v.key().equals("CI_PROJECT_PATH")).map(Variable::value))
        .containsExactly("local/project", "group/app");
  }

  @Test
  void serviceVariableSelfReferenceKeepsTheLiteral() {
    JobPlan plan = plan(JobSpec.ofServices(ServiceSpec.builder("alpine").variable("FOO", "$FOO-x").build()));
    assertThat(env(plan.services().get(0))).containsEntry("FOO", "$FOO-x-x");
  }

  @Test
  void runnerServicesComeFirstWithInternalExpandedEnvironment() {
    RunnerConfig config = LOCAL.toBuilder()
        .service(ServiceSpec.fromRunnerConfig("postgres:15", "pg", List.of(), List.of(),
            List.of("EXPANDED=$MY_GLOBAL_VAR", "NO_EQUALS_SIGN", "EMPTY=")))
        .build();
    JobPlan plan = JobPlanner.plan(JobSpec.builder().variable("MY_GLOBAL_VAR", "hello")
        .service(ServiceSpec.builder("postgres:16").alias("pg").build()).build(), config, ID);
    assertThat(plan.services()).extracting(ServicePlan::field).containsExactly("config.services[0]", "services[0]");
    ServicePlan fromConfig = plan.services().get(0);
    assertThat(fromConfig.environment()).filteredOn(Variable::internal).extracting(Variable::toEnvEntry)
        .contains("EXPANDED=hello", "EMPTY=").doesNotContain("NO_EQUALS_SIGN");
    assertThat(plan.warnings()).containsExactly(
        "Skipping alias \"postgres\" for service \"postgres:16\" (services[1]): alias is already in use by another service.",
        "Skipping alias \"pg\" for service \"postgres:16\" (services[1]): alias is already in use by another service.");
  }

  @Test
  void expandsNameAndAliasButNotCommandOrEntrypoint() {
    JobPlan plan = plan(JobSpec.builder()
        .variable("VERSION", "16").variable("ALIASES", "db,pg").variable(Variable.secret("HIDDEN", "x").withMasked(false))
        .service(ServiceSpec.builder("postgres:$VERSION").alias("$ALIASES ${HIDDEN}y")
            .entrypoint("/bin/sh", "-c").command("echo $VERSION").build())
        .build());
    ServicePlan s = plan.services().get(0);
    assertThat(s.name()).isEqualTo("postgres:16");
    assertThat(s.hostnames()).containsExactly("postgres", "db", "pg", "xy");
    assertThat(s.command()).containsExactly("echo $VERSION");
    assertThat(s.spec().name()).isEqualTo("postgres:$VERSION");
    assertThat(s.entrypoint()).containsExactly("/bin/sh", "-c");
  }

  @Test
  void invalidImageNameWithAnAliasStopsTheJob() {
    JobPlan plan = plan(JobSpec.ofServices(ServiceSpec.builder("Postgres:14").alias("db").build()));
    assertThat(plan.isValid()).isFalse();
    assertThat(plan.errors()).extracting(PlanError::describe).containsExactly(
        "services[0].name \"Postgres:14\": invalid service image name: Postgres:14;"
            + " image name \"Postgres:14\" has upper case in its path; use \"postgres:14\"");
    assertThatThrownBy(plan::requireValid).isInstanceOf(InvalidPlanException.class)
        .hasMessage("job \"job\" cannot start:\n  services[0].name \"Postgres:14\": invalid service image name:"
            + " Postgres:14; image name \"Postgres:14\" has upper case in its path; use \"postgres:14\"");
  }

  @Test
  void invalidImageNameWithoutAliasIsSkippedWithAWarningGitLabDoesNotPrint() {
    JobPlan plan = plan(JobSpec.builder().variable("EMPTY", "")
        .service(ServiceSpec.of("Postgres:14")).service(ServiceSpec.of("$EMPTY")).service(ServiceSpec.of("redis:7")).build());
    assertThat(plan.isValid()).isTrue();
    assertThat(plan.services()).extracting(ServicePlan::name).containsExactly("redis:7");
    assertThat(plan.services().get(0).index()).isEqualTo(2);
    assertThat(plan.skipped()).extracting(SkippedService::field).containsExactly("services[0]", "services[1]");
    assertThat(plan.warnings()).containsExactly(
        "Skipping service \"Postgres:14\" (services[0]): image name \"Postgres:14\" has upper case in its path; use \"postgres:14\"",
        "Skipping service \"\" (services[1]): image name \"\" is empty; give a name such as \"postgres:16\"");
  }

  @Test
  void disallowedImageListsTheAllowedPatterns() {
    RunnerConfig config = LOCAL.toBuilder().allowedServices("postgres:*", "redis:*")
        .service(ServiceSpec.of("mysql:8")).build();
    JobPlan plan = JobPlanner.plan(JobSpec.ofServices(ServiceSpec.of("postgres:16"), ServiceSpec.of("mongo:7"),
        ServiceSpec.builder("mysql:8").alias("db").build()), config, ID);
    assertThat(plan.errors()).hasSize(1);
    PlanError error = plan.errors().get(0);
    assertThat(error.describe()).isEqualTo("services[1].name \"mongo:7\": disallowed image; use an image matching"
        + " allowed_services [postgres:*, redis:*], or add a pattern for it to RunnerConfig.allowedServices");
    assertThat(error.traceLines()).containsExactly(
        "ERROR: The \"mongo:7\" image is not present on list of allowed services:",
        "- postgres:*",
        "- redis:*",
        "Please check runner's allowed_images configuration: https://docs.gitlab.com/runner/configuration/advanced-configuration/");
  }

  @Test
  void aJobImageOutsideAllowedImagesIsRefusedWithTheRunnersLines() {
    RunnerConfig config = LOCAL.toBuilder().allowedImages("ruby:*", "**/python:3*").defaultImage("alpine:3").build();
    JobPlan plan = JobPlanner.plan(JobSpec.builder().image("node:22").service(ServiceSpec.of("redis:7")).build(),
        config, ID);
    assertThat(plan.errors()).hasSize(1);
    PlanError error = plan.errors().get(0);
    assertThat(error.describe()).isEqualTo("image.name \"node:22\": disallowed image; use an image matching"
        + " allowed_images [ruby:*, **/python:3*], or add a pattern for it to RunnerConfig.allowedImages");
    assertThat(error.traceLines()).containsExactly(
        "ERROR: The \"node:22\" image is not present on list of allowed images:",
        "- ruby:*",
        "- **/python:3*",
        "Please check runner's allowed_images configuration: https://docs.gitlab.com/runner/configuration/advanced-configuration/");
  }

  @Test
  void allowedImagesLetsMatchingImagesTheRunnersOwnImageAndServicesThrough() {
    RunnerConfig config = LOCAL.toBuilder().allowedImages("ruby:*").defaultImage("alpine:3").build();
    assertThat(JobPlanner.plan(JobSpec.builder().image("ruby:3.3").service(ServiceSpec.of("redis:7")).build(),
        config, ID).errors()).isEmpty();
    assertThat(JobPlanner.plan(JobSpec.builder().image("alpine:3").build(), config, ID).errors()).isEmpty();
    // no image: the runner's own image, never checked
    assertThat(JobPlanner.plan(JobSpec.ofServices(ServiceSpec.of("mongo:7")), config, ID).errors()).isEmpty();
  }

  @Test
  void servicesLimitCountsRunnerAndJobServices() {
    RunnerConfig config = LOCAL.toBuilder().servicesLimit(1).service(ServiceSpec.of("redis:7")).build();
    JobPlan plan = JobPlanner.plan(JobSpec.ofServices(ServiceSpec.of("postgres:16")), config, ID);
    assertThat(plan.errors()).extracting(PlanError::message).containsExactly("too many services requested: 2, only 1 allowed");
  }

  @Test
  void pullPolicyNotAllowedStopsTheJobNamingTheImage() {
    JobPlan plan = JobPlanner.plan(JobSpec.ofServices(ServiceSpec.builder("postgres:16").pullPolicy("if-not-present").build()),
        RunnerConfig.defaults(), ID);
    assertThat(plan.errors()).extracting(PlanError::describe).containsExactly(
        "services[0].pull_policy \"[if-not-present]\": invalid pull policy for image \"postgres:16\": pull_policy"
            + " ([if-not-present]) defined in GitLab pipeline config is not one of the allowed_pull_policies ([always]);"
            + " request one of [always], or allow it in RunnerConfig.allowedPullPolicies");
  }

  @Test
  void invalidHealthcheckTcpPortNamesTheVariable() {
    JobPlan plan = plan(JobSpec.ofServices(ServiceSpec.builder("postgres:16").variable("HEALTHCHECK_TCP_PORT", "abc").build()));
    assertThat(plan.errors()).extracting(PlanError::describe).containsExactly(
        "services[0].variables.HEALTHCHECK_TCP_PORT \"abc\": invalid health check tcp port: abc;"
            + " set HEALTHCHECK_TCP_PORT to the TCP port the service listens on, 1 to 65535");
    JobPlan fromJob = plan(JobSpec.builder().variable("healthcheck_tcp_port", "x1").service("redis:7").build());
    assertThat(fromJob.errors()).extracting(PlanError::field).containsExactly("variables.healthcheck_tcp_port");
  }

  @Test
  void publicJobLevelHealthcheckTcpPortAppliesToEveryService() {
    JobPlan plan = plan(JobSpec.builder().variable("HEALTHCHECK_TCP_PORT", "8080").service("redis:7").service("postgres:16").build());
    assertThat(plan.services()).extracting(ServicePlan::healthCheck)
        .containsOnly(new HealthCheckRule(8080));
  }

  @Test
  void invalidAliasIsAnErrorWithAFix() {
    JobPlan plan = plan(JobSpec.ofServices(ServiceSpec.builder("postgres:16").alias("db!").build()));
    assertThat(plan.errors()).extracting(PlanError::describe).containsExactly(
        "services[0].alias \"db!\": invalid service alias: db!; an alias is a hostname: letters, digits, '-', '_' and '.',"
            + " e.g. \"db\"");
  }

  @Test
  void aliasThatIsNotValidDnsWorksOnDockerButIsAKubernetesError() {
    JobPlan plan = plan(JobSpec.ofServices(ServiceSpec.builder("alpine:edge").alias("alpine_edge").build()));
    assertThat(plan.isValid()).isTrue();
    assertThat(plan.services().get(0).hostnames()).containsExactly("alpine", "alpine_edge");
    assertThat(plan.services().get(0).kubernetesName()).isEqualTo("svc-0");
    assertThat(plan.services().get(0).kubernetesHostAliasProblem().orElseThrow())
        .startsWith("provided host alias alpine_edge for service alpine:edge is invalid DNS. a lowercase RFC 1123 subdomain");
  }

  @Test
  void kubernetesHostAliasesAreTheValidDefaultAliasesThenTheUserAliasesAndNoneWhenAnAliasIsInvalid() {
    JobPlan plan = plan(JobSpec.builder().service(ServiceSpec.builder("registry.example.com/tools/pg:1").alias("db").build())
        .service(ServiceSpec.builder("alpine:edge").alias("alpine_edge").build()).build());
    assertThat(plan.services().get(0).kubernetesHostAliases()).containsExactly("registry.example.com-tools-pg", "db");
    assertThat(plan.services().get(1).kubernetesHostAliases()).isEmpty();
  }

  @Test
  void kubernetesHealthCheckPortIsTheServicesOwnRawValueAndIgnoresTheJobs() {
    JobPlan plan = plan(JobSpec.builder().variable("HEALTHCHECK_TCP_PORT", "8080")
        .service(ServiceSpec.builder("redis:7").variable("HEALTHCHECK_TCP_PORT", "1").variable("HEALTHCHECK_TCP_PORT", "6379/tcp").build())
        .service("postgres:16").build());
    assertThat(plan.services().get(0).kubernetesHealthCheckPort()).contains("6379/tcp");
    assertThat(plan.services().get(1).kubernetesHealthCheckPort()).isEmpty();
  }

  @Test
  void withoutAJobImageTheJobPullPolicyIsTheRunnersAndTheTokenIsShortened() {
    RunnerConfig runner = RunnerConfig.builder().pullPolicy(PullPolicy.NEVER).runnerToken("glrt-abcdef1234567890").build();
    JobPlan plan = JobPlanner.plan(JobSpec.ofServices(ServiceSpec.of("redis:7")), runner, ID);
    assertThat(plan.jobContainer()).isEmpty();
    assertThat(plan.jobPullPolicy()).isEqualTo(PullPolicyDecision.decide(List.of(), runner));
    assertThat(plan.jobPullPolicy().effective()).containsExactly(PullPolicy.NEVER);
    assertThat(plan.runnerShortToken()).isEqualTo("abcdef123");
    assertThat(plan.projectUniqueName()).isEqualTo("runner-abcdef123-project-0-concurrent-0");
    assertThat(plan.buildsVolume()).isEqualTo(plan.projectUniqueName() + "-" + ID + "-builds");
  }

  @Test
  void debugServicesWarningComesFirst() {
    JobPlan plan = plan(JobSpec.builder().variable("CI_DEBUG_SERVICES", "blammo").service("alpine").service("alpine").build());
    assertThat(plan.debugServices()).isFalse();
    assertThat(plan.warnings()).first()
        .isEqualTo("CI_DEBUG_SERVICES: expected bool got \"blammo\", using default value: false");
    assertThat(plan(JobSpec.builder().debugServices(true).build()).debugServices()).isTrue();
  }

  @Test
  void disabledEntrypointOverwriteKeepsTheImageEntrypointWithAWarning() {
    JobPlan plan = JobPlanner.plan(JobSpec.ofServices(ServiceSpec.builder("postgres:16").entrypoint("docker-entrypoint.sh").build()),
        LOCAL.toBuilder().disableEntrypointOverwrite(true).build(), ID);
    assertThat(plan.services().get(0).entrypoint()).isEmpty();
    assertThat(plan.warnings()).containsExactly("Entrypoint override disabled");
  }

  @ParameterizedTest(name = "[{index}] {0} matches alpine: {1}")
  @CsvSource({"'*:*',false", "'*/*',false", "'*/*:*',false", "'**/*',true", "'alpi*',true", "'*alpi*',true"})
  void allowedPrivilegedServicesMatchTheNameAsWrittenWithDoublestarGlobs(String glob, boolean privileged) {
    RunnerConfig config = LOCAL.toBuilder().servicesPrivileged(true).allowedPrivilegedServices(glob).build();
    JobPlan plan = JobPlanner.plan(JobSpec.ofServices(ServiceSpec.of("alpine")), config, ID);
    assertThat(plan.services().get(0).privileged()).isEqualTo(privileged);
  }

  @Test
  void servicesPrivilegedOverridesPrivileged() {
    JobSpec job = JobSpec.ofServices(ServiceSpec.of("docker:dind"));
    assertThat(JobPlanner.plan(job, LOCAL.toBuilder().privileged(true).build(), ID).services().get(0).privileged()).isTrue();
    assertThat(JobPlanner.plan(job, LOCAL.toBuilder().privileged(true).servicesPrivileged(false).build(), ID)
        .services().get(0).privileged()).isFalse();
    assertThat(JobPlanner.plan(job, LOCAL, ID).services().get(0).privileged()).isFalse();
  }

  @Test
  void timeoutZeroMeansThirtyAndNegativeSkipsTheCheck() {
    JobSpec job = JobSpec.ofServices(ServiceSpec.of("redis:7"));
    assertThat(JobPlanner.plan(job, LOCAL.toBuilder().waitForServicesTimeout(0).build(), ID).healthCheckTimeout())
        .contains(java.time.Duration.ofSeconds(30));
    assertThat(JobPlanner.plan(job, LOCAL.toBuilder().waitForServicesTimeout(90).build(), ID).waitingLine())
        .contains("Waiting for services to be up and running (timeout 90 seconds)...");
    assertThat(JobPlanner.plan(job, LOCAL.toBuilder().waitForServicesTimeout(-1).build(), ID).waitingLine()).isEmpty();
  }

  @Test
  void fileVariablesReachContainersAsAPath() {
    JobPlan plan = plan(JobSpec.builder().variable(Variable.of("CA_CERT", "-----BEGIN CERT-----").withFile(true))
        .service("redis:7").build());
    assertThat(env(plan.services().get(0))).containsEntry("CA_CERT", "/builds/local/project.tmp/CA_CERT");
    assertThat(plan.files()).containsExactly(Map.entry("/builds/local/project.tmp/CA_CERT", "-----BEGIN CERT-----"));
  }

  @Test
  void legacyLinksModeHasNoNetworkAndNoNetworkVariable() {
    JobPlan plan = JobPlanner.plan(JobSpec.ofServices(ServiceSpec.of("redis:7")),
        LOCAL.toBuilder().networkMode(NetworkMode.LEGACY_LINKS).build(), ID);
    assertThat(plan.networkName()).isEmpty();
    assertThat(env(plan.services().get(0))).doesNotContainKey("CI_BUILD_NETWORK_NAME");
    assertThat(env(plan(JobSpec.ofServices(ServiceSpec.of("redis:7"))).services().get(0)))
        .containsEntry("CI_BUILD_NETWORK_NAME", "runner-local-0-0-0-" + ID);
  }

  @Test
  void maskedValuesAreListedLongestFirstAndHiddenInToString() {
    JobPlan plan = plan(JobSpec.builder().variable(Variable.secret("A", "short123"))
        .variable(Variable.of("B", "a-much-longer-secret").withMasked(true)).service("redis:7").build());
    assertThat(plan.maskedValues()).containsExactly("a-much-longer-secret", "short123");
    assertThat(plan.services().get(0).toString()).contains("B=[MASKED] (masked)").doesNotContain("a-much-longer-secret");
  }

  @Test
  void eachServiceHasItsOwnLogColour() {
    JobPlan plan = plan(JobSpec.ofServices(ServiceSpec.of("redis:7"), ServiceSpec.of("postgres:16")));
    assertThat(plan.services().get(0).logColor()).isNotEqualTo(plan.services().get(1).logColor());
  }

  @Test
  void rejectsAnInstanceIdThatIsNotSixteenHexCharacters() {
    assertThatThrownBy(() -> JobPlanner.plan(JobSpec.builder().build(), LOCAL, "XYZ"))
        .hasMessage("instanceId \"XYZ\" must be 16 lower-case hexadecimal characters, e.g. \"0123456789abcdef\"");
    assertThat(JobPlanner.plan(JobSpec.builder().build(), LOCAL).instanceId()).matches("[0-9a-f]{16}");
  }

  @Test
  void unusedOptionalsAreEmpty() {
    JobPlan plan = plan(JobSpec.builder().build());
    assertThat(plan.jobImage()).isEqualTo(Optional.empty());
    assertThat(plan.service("nothing")).isEmpty();
  }

  @Test
  void plansTheJobContainerWithEverythingABackendNeeds() {
    RunnerConfig runner = RunnerConfig.builder().pullPolicy(PullPolicy.IF_NOT_PRESENT, PullPolicy.ALWAYS)
        .privileged(true).dns("10.0.0.2").dnsSearch("example.test").extraHosts("registry.example:10.1.2.3").build();
    JobSpec job = JobSpec.builder().image(ImageSpec.of("ruby:3.3", "/bin/sh", "-c").withUser("1000"))
        .service("redis:7").variable("GREETING", "hello").build();
    JobPlan plan = JobPlanner.plan(job, runner, ID);
    ContainerPlan c = plan.jobContainer().orElseThrow();
    String prefix = "runner-local-project-0-concurrent-0-" + ID;
    assertThat(c.name()).isEqualTo(prefix + "-build").isEqualTo(plan.jobContainerName());
    assertThat(c.image()).isEqualTo("ruby:3.3");
    assertThat(c.pullPolicy().effective()).containsExactly(PullPolicy.IF_NOT_PRESENT, PullPolicy.ALWAYS);
    assertThat(c.pullPolicy().source()).isEqualTo(PullPolicyDecision.Source.RUNNER);
    assertThat(c.entrypoint()).containsExactly("/bin/sh", "-c");
    assertThat(c.command()).isEmpty();
    assertThat(c.privileged()).isTrue();
    assertThat(c.runAs()).contains("1000");
    assertThat(c.workDir()).contains("/builds/local/project");
    assertThat(c.environment()).isEqualTo(plan.jobVariables());
    assertThat(c.labels()).containsEntry("dev.ciservices.type", "build").containsEntry("dev.ciservices.job.instance", ID);
    assertThat(c.mounts()).containsExactly(new VolumeMount(prefix + "-builds", "/builds"));
    assertThat(c.network()).isEqualTo(new NetworkPlan("runner-local-0-0-0-" + ID, List.of("build", prefix + "-build"),
        List.of(), List.of("10.0.0.2"), List.of("example.test"), List.of("registry.example:10.1.2.3")));
    NetworkPlan service = plan.services().get(0).container().network();
    assertThat(service.aliases()).containsExactly("redis");
    assertThat(service.extraHosts()).containsExactly("registry.example:10.1.2.3");
  }

  @Test
  void linksTheJobContainerToEveryServiceHostnameOnTheDefaultBridge() {
    RunnerConfig runner = LOCAL.toBuilder().networkMode(NetworkMode.LEGACY_LINKS).build();
    JobSpec job = JobSpec.builder().image("alpine:3.20")
        .service(ServiceSpec.builder("postgres:15").alias("db").build()).build();
    JobPlan plan = JobPlanner.plan(job, runner, ID);
    String postgres = plan.services().get(0).containerName();
    NetworkPlan network = plan.jobContainer().orElseThrow().network();
    assertThat(network.network()).isEqualTo("bridge");
    assertThat(network.aliases()).isEmpty();
    assertThat(network.links()).containsExactly(new ServiceLink(postgres, "postgres"), new ServiceLink(postgres, "db"));
    assertThat(plan.services().get(0).container().network().aliases()).isEmpty();
  }

  @Test
  void plansNoJobContainerWithoutAnImage() {
    assertThat(plan(JobSpec.ofServices(ServiceSpec.of("redis:7"))).jobContainer()).isEmpty();
  }

  @Test
  void typesWhereEachServiceAndEachErrorComesFrom() {
    RunnerConfig runner = LOCAL.toBuilder().service(ServiceSpec.of("redis:7")).build();
    JobSpec job = JobSpec.builder().service(ServiceSpec.builder("postgres:15").alias("db!").build()).build();
    JobPlan plan = JobPlanner.plan(job, runner, ID);
    assertThat(plan.services()).extracting(ServicePlan::origin)
        .containsExactly(ServiceOrigin.runnerConfig(0), ServiceOrigin.job(0));
    assertThat(plan.services()).extracting(ServicePlan::field).containsExactly("config.services[0]", "services[0]");
    assertThat(plan.errors()).singleElement().satisfies(e -> {
      assertThat(e.service()).contains(ServiceOrigin.job(0));
      assertThat(e.field()).isEqualTo("services[0].alias");
    });
  }

  @Test
  void serviceNameResolvesAChainAsGitLabSendsIt() {
    JobPlan plan = plan(JobSpec.builder().variable("A", "16").variable("B", "$A").variable("IMG", "postgres:$B")
        .service(ServiceSpec.of("$IMG")).build());
    assertThat(plan.errors()).isEmpty();
    assertThat(plan.services()).extracting(ServicePlan::name).containsExactly("postgres:16");
  }

  @Test
  void aVariableReferringToARunnerVariableReachesServicesExpanded() {
    JobPlan plan = plan(JobSpec.builder().variable("DOCKERFILE", "$CI_PROJECT_DIR/backend/Dockerfile")
        .variable("COPY", "$DOCKERFILE").service(ServiceSpec.of("alpine")).build());
    assertThat(env(plan.services().get(0)))
        .containsEntry("DOCKERFILE", "/builds/local/project/backend/Dockerfile")
        .containsEntry("COPY", "/builds/local/project/backend/Dockerfile");
  }

  @Test
  void anUndefinedVariableGetsOneWarningNamingWhereItIsUsed() {
    JobPlan plan = plan(JobSpec.builder().variable("TAG", "$CI_PIPELINE_ID").variable("AGAIN", "${CI_PIPELINE_ID}x")
        .service(ServiceSpec.builder("registry.example.com/app:$CI_PIPELINE_ID").alias("app").build()).build());
    assertThat(plan.warnings()).containsExactly("variable \"CI_PIPELINE_ID\" (used in variables.TAG) is not defined,"
        + " so it expands to an empty string; define it in variables: or as a project variable");
  }

  @Test
  void aCycleIsWarnedAboutAndLeftUnexpanded() {
    JobPlan plan = plan(JobSpec.builder().variable("A", "$B").variable("B", "$A")
        .service(ServiceSpec.of("alpine")).build());
    assertThat(plan.warnings()).contains("circular variable reference detected: [\"A\", \"B\"]; these variables"
        + " reach the job unexpanded");
  }

  @Test
  void runnerServiceWithoutANameIsSkippedOrRejectedAsTheRunnerDoes() {
    RunnerConfig config = LOCAL.toBuilder()
        .service(ServiceSpec.fromRunnerConfig("", "", List.of(), List.of(), List.of()))
        .service(ServiceSpec.fromRunnerConfig("", "cache", List.of(), List.of(), List.of()))
        .build();
    JobPlan plan = JobPlanner.plan(JobSpec.ofServices(ServiceSpec.of("postgres:16")), config, ID);
    assertThat(plan.skipped()).extracting(SkippedService::field).containsExactly("config.services[0]");
    assertThat(plan.errors()).extracting(PlanError::message).containsExactly("invalid service image name: ");
    assertThat(plan.services()).extracting(ServicePlan::name).containsExactly("postgres:16");
  }

  @Test
  void aBindMountedWorkspaceIsMountedAtTheProjectDirAndTheOtherModesCopy(@org.junit.jupiter.api.io.TempDir
      java.nio.file.Path dir) {
    JobSpec bind = JobSpec.builder().image("ruby:3.3").projectPath("group/app").workspace(dir, WorkspaceMode.BIND_MOUNT)
        .build();
    JobPlan plan = plan(bind);
    assertThat(plan.workspaceMode()).isEqualTo(WorkspaceMode.BIND_MOUNT);
    String prefix = plan.jobContainerName().substring(0, plan.jobContainerName().length() - "-build".length());
    assertThat(plan.jobContainer().orElseThrow().mounts()).containsExactly(new VolumeMount(prefix + "-builds",
        "/builds"), new VolumeMount(dir.toString(), "/builds/group/app"));
    JobSpec copied = JobSpec.builder().image("ruby:3.3").projectPath("group/app").workspace(dir).build();
    assertThat(copied.workspaceMode()).isEqualTo(WorkspaceMode.TRACKED_FILES);
    assertThat(plan(copied).jobContainer().orElseThrow().mounts()).hasSize(1);
    assertThat(copied.toBuilder().build()).isEqualTo(copied).isNotEqualTo(bind.toBuilder().workspace(dir).build()
        .toBuilder().workspace(dir, WorkspaceMode.DIRECTORY).build());
  }

  @ParameterizedTest
  @CsvSource({"none,Skipping Git repository setup",
      "empty,Skipping Git repository setup and creating an empty build directory"})
  void gitStrategyNoneOrEmptyCopiesNoWorkspaceAndSaysWhy(String strategy, String firstLine,
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    // expanded first, as the runner reads the variable: a reference to another variable counts
    JobSpec job = JobSpec.builder().image("ruby:3.3").projectPath("group/app").workspace(dir, WorkspaceMode.BIND_MOUNT)
        .variable("STRATEGY", strategy).variable("GIT_STRATEGY", "$STRATEGY").build();
    JobPlan plan = plan(job);
    assertThat(plan.workspace()).isEmpty();
    assertThat(plan.workspaceSkipReason()).contains("GIT_STRATEGY is \"" + strategy + "\": GitLab Runner does not"
        + " fetch or clone the repository, so the project directory holds no checkout");
    assertThat(plan.sourcesTraceLines()).containsExactly(firstLine, "Skipping Git checkout",
        "Skipping Git submodules setup");
    assertThat(plan.jobContainer().orElseThrow().mounts()).extracting(VolumeMount::target).containsExactly("/builds");
    assertThat(PlanReport.lines(plan)).contains("Workspace: not copied, GIT_STRATEGY is \"" + strategy
        + "\": GitLab Runner does not fetch or clone the repository, so the project directory holds no checkout");
    // without a workspace there is nothing to skip, but the runner's lines stay
    JobPlan services = plan(JobSpec.builder().image("ruby:3.3").variable("GIT_STRATEGY", strategy).build());
    assertThat(services.workspaceSkipReason()).isEmpty();
    assertThat(services.sourcesTraceLines()).hasSize(3);
  }

  @ParameterizedTest
  @CsvSource({"clone", "fetch", "None", "''"})
  void anyOtherGitStrategyCopiesTheWorkspace(String strategy, @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    JobPlan plan = plan(JobSpec.builder().image("ruby:3.3").workspace(dir).variable("GIT_STRATEGY", strategy).build());
    assertThat(plan.workspace()).contains(dir);
    assertThat(plan.workspaceSkipReason()).isEmpty();
    assertThat(plan.sourcesTraceLines()).isEmpty();
    assertThat(PlanReport.lines(plan)).noneMatch(l -> l.startsWith("Workspace:"));
  }

  @Test
  void registryCredentialsAreMaskedWithoutGitLabsRuleForUserVariables() {
    String auth = java.util.Base64.getEncoder().encodeToString("ci-user:s3cret pass".getBytes());
    String json = "{\"auths\":{\"r.example:5005\":{\"auth\":\"" + auth + "\"}}}";
    JobPlan plan = plan(JobSpec.builder().image("alpine:3")
        .variable(Variable.secret("DOCKER_AUTH_CONFIG", json))
        .variable(Variable.secret("CI_REGISTRY_PASSWORD", "a b"))
        .variable(Variable.secret("SHORT", "abc"))
        .build());
    // only the user's variable is held to GitLab's rule
    assertThat(plan.errors()).extracting(PlanError::field).containsExactly("variables.SHORT");
    assertThat(plan.mask("pull with " + json + " and a b")).isEqualTo("pull with [MASKED] and [MASKED]");
    assertThat(plan.maskedValues()).contains(json, "a b");
  }
}
