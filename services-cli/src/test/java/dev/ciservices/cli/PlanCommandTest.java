package dev.ciservices.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanCommandTest {
  private static final String CI = String.join("\n",
      "variables:",
      "  POSTGRES_PASSWORD: example",
      "test:",
      "  image: ruby:3.3",
      "  services:",
      "    - name: postgres:16.10",
      "      alias: db postgres db",
      "    - redis:7",
      "  script:",
      "    - bundle exec rake spec",
      "");

  @TempDir
  Path dir;

  private Path file(String yaml) throws Exception {
    Path file = dir.resolve(".gitlab-ci.yml");
    Files.writeString(file, yaml);
    return file;
  }

  @Test
  void printsThePlanAndTheDockerCommands() throws Exception {
    Cli cli = Cli.run("plan", "test", "--file", file(CI).toString());
    assertThat(cli.status()).isZero();
    assertThat(cli.out())
        .contains("WARNING: Skipping alias \"postgres\" for service \"postgres:16.10\" (services[0]): alias is already in use"
            + " by another service.")
        .contains("services[0] postgres:16.10\n  pull:         postgres:16.10 with [if-not-present] (Runner config)\n"
            + "  hostnames:    postgres, db\n")
        .contains("Equivalent docker commands:\n  docker network create")
        .contains("--network-alias postgres --network-alias db");
  }

  @Test
  void networkModePodPrintsTheNamespaceOwnerAndTheContainersJoiningIt() throws Exception {
    Cli cli = Cli.run("plan", "test", "--file", file(CI).toString(), "--network-mode", "pod");
    assertThat(cli.status()).isZero();
    assertThat(cli.out()).doesNotContain("docker network create").doesNotContain("Waiting for services")
        .contains("Network: pod, the namespace of runner-local-project-0-concurrent-0-")
        .contains("-pod (busybox:latest); services on localhost and their host aliases\n"
            + "Health check: the Kubernetes rule, only services with HEALTHCHECK_TCP_PORT among their own variables,"
            + " until the job's timeout\n")
        // as in the Kubernetes executor, host aliases are not de-duplicated
        .contains("  host aliases: postgres, db, postgres, db for 127.0.0.1\n  health check: none (no HEALTHCHECK_TCP_PORT among"
            + " its variables)\n")
        .contains("-pod --network bridge --add-host postgres:127.0.0.1 --add-host db:127.0.0.1"
            + " --add-host postgres:127.0.0.1 --add-host db:127.0.0.1 --add-host redis:127.0.0.1 busybox:latest")
        .contains("-postgres-0 --network container:runner-");
    Cli wrong = Cli.run("plan", "test", "--file", file(CI).toString(), "--network-mode", "host");
    assertThat(wrong.status()).isEqualTo(2);
    assertThat(wrong.err()).contains("--network-mode \"host\" is not a network mode; use per-job, links or pod");
  }

  @Test
  void jsonHasTheDocumentedFieldsAndHidesMaskedValues() throws Exception {
    Cli cli = Cli.run("plan", "test", "--file", file(CI).toString(), "--format", "json", "--secret", "API_TOKEN=glpat-12345678");
    assertThat(cli.status()).isZero();
    JsonNode plan = new ObjectMapper().readTree(cli.out());
    assertThat(plan.get("schemaVersion").asInt()).isEqualTo(1);
    assertThat(plan.get("image").asText()).isEqualTo("ruby:3.3");
    JsonNode postgres = plan.get("services").get(0);
    assertThat(postgres.get("name").asText()).isEqualTo("postgres:16.10");
    assertThat(postgres.get("image").asText()).isEqualTo("postgres:16.10");
    assertThat(postgres.get("aliases").toString()).isEqualTo("[\"postgres\",\"db\"]");
    assertThat(postgres.get("kubernetesName").asText()).isEqualTo("db");
    assertThat(postgres.get("pullPolicies").toString()).isEqualTo("[\"if-not-present\"]");
    assertThat(postgres.get("privileged").asBoolean()).isFalse();
    assertThat(postgres.get("healthCheck").toString()).isEqualTo("{\"rule\":\"exposed-ports\",\"maxPorts\":20}");
    assertThat(postgres.get("environment").toString()).contains("{\"key\":\"POSTGRES_PASSWORD\",\"value\":\"example\"}")
        .doesNotContain("API_TOKEN");
    assertThat(plan.get("variables").toString()).contains("{\"key\":\"API_TOKEN\",\"value\":\"[MASKED]\",\"public\":false,"
        + "\"masked\":true,\"file\":false,\"raw\":false}");
    assertThat(cli.out()).doesNotContain("glpat-12345678");
    assertThat(plan.get("warnings").get(0).asText()).isEqualTo("Skipping alias \"postgres\" for service \"postgres:16.10\""
        + " (services[0]): alias is already in use by another service.");
    assertThat(plan.get("errors")).isEmpty();
    assertThat(plan.get("networkMode").asText()).isEqualTo("per-job");
    assertThat(plan.get("namespaceOwner").isNull()).isTrue();
  }

  @Test
  void jsonShowsThePodModeAndItsNamespaceOwner() throws Exception {
    Cli cli = Cli.run("plan", "test", "--file", file(CI).toString(), "--format", "json", "--network-mode", "pod");
    assertThat(cli.status()).as(cli.err()).isZero();
    JsonNode plan = new ObjectMapper().readTree(cli.out());
    assertThat(plan.get("networkMode").asText()).isEqualTo("pod");
    assertThat(plan.get("network").isNull()).isTrue();
    JsonNode owner = plan.get("namespaceOwner");
    assertThat(owner.get("name").asText()).matches("runner-local-project-0-concurrent-0-[0-9a-f]{16}-pod");
    assertThat(owner.get("image").asText()).isEqualTo("busybox:latest");
    assertThat(owner.get("hostsEntries").toString()).isEqualTo("[\"postgres:127.0.0.1\",\"db:127.0.0.1\","
        + "\"postgres:127.0.0.1\",\"db:127.0.0.1\",\"redis:127.0.0.1\"]");
    // a .gitlab-ci.yml's ports publish nothing from the CLI (they serve GitLab's session proxy)
    assertThat(owner.get("ports").toString()).isEqualTo("[]");
    assertThat(owner.size()).isEqualTo(4);

    Cli mirrored = Cli.run("plan", "test", "--file", file(CI).toString(), "--format", "json", "--network-mode", "pod",
        "--pod-owner-image", "registry.local:5000/mirror/busybox:1.36");
    assertThat(mirrored.status()).as(mirrored.err()).isZero();
    assertThat(new ObjectMapper().readTree(mirrored.out()).get("namespaceOwner").get("image").asText())
        .isEqualTo("registry.local:5000/mirror/busybox:1.36");
    Cli bad = Cli.run("plan", "test", "--file", file(CI).toString(), "--network-mode", "pod",
        "--pod-owner-image", "Busy Box");
    assertThat(bad.status()).isEqualTo(2);
    assertThat(bad.err()).isEqualTo("ci-services: --pod-owner-image: image name \"Busy Box\" contains white space;"
        + " an image name is one word such as \"postgres:16\"\n");

    // the owner publishes every service's ports, in the plan's order
    dev.ciservices.JobPlan withPorts = dev.ciservices.JobPlanner.plan(dev.ciservices.JobSpec.ofServices(
        dev.ciservices.ServiceSpec.builder("redis:7").ports(6379).build(),
        dev.ciservices.ServiceSpec.builder("nginx:1").alias("web").ports(80, 443).build()),
        dev.ciservices.RunnerConfig.local().networkMode(dev.ciservices.NetworkMode.POD).build());
    JsonNode fromJava = new ObjectMapper().readTree(PlanJson.of(withPorts, java.util.List.of(), java.util.List.of(),
        java.util.List.of(), new dev.ciservices.gitlab.RuleOutcome("on_success", "", java.util.List.of())))
        .get("namespaceOwner");
    assertThat(fromJava.get("ports").toString()).isEqualTo("[6379,80,443]");
    // in the pod's order: svc-0 (redis) before web
    assertThat(fromJava.get("hostsEntries").toString()).isEqualTo("[\"redis:127.0.0.1\",\"nginx:127.0.0.1\","
        + "\"web:127.0.0.1\"]");
  }

  @Test
  void anInvalidFileGivesAJsonErrorDocumentAndExitStatusTwo() throws Exception {
    Path file = file("test:\n  script: [\"true\"]\n  services:\n    - alias: db\n");
    Cli cli = Cli.run("plan", "test", "--file", file.toString(), "--format", "json");
    assertThat(cli.status()).isEqualTo(2);
    JsonNode error = new ObjectMapper().readTree(cli.out()).get("error");
    assertThat(error.get("line").asInt()).isEqualTo(4);
    assertThat(error.get("job").asText()).isEqualTo("test");
    assertThat(error.get("message").asText()).isEqualTo(".gitlab-ci.yml:4: job \"test\": services[0]: \"name\" is missing;"
        + " a service in map form needs the image name, e.g. name: postgres:16");
  }

  @Test
  void anUnknownJobListsTheJobsThereAre() throws Exception {
    Cli cli = Cli.run("plan", "deploy", "--file", file(CI).toString());
    assertThat(cli.status()).isEqualTo(2);
    assertThat(cli.err()).startsWith("ci-services: ").contains("deploy").contains("test");
  }

  @Test
  void planErrorsExitOneWithTheirFix() throws Exception {
    Cli cli = Cli.run("plan", "test", "--file", file(CI.replace("- redis:7", "- name: Redis:7\n      alias: cache")).toString());
    assertThat(cli.status()).isEqualTo(1);
    assertThat(cli.out()).contains("ERROR: services[1].name \"Redis:7\": invalid service image name: Redis:7; image name"
        + " \"Redis:7\" has upper case in its path; use \"redis:7\"");
  }

  @Test
  void badVariableOptionNamesTheOptionAndTheFix() throws Exception {
    Cli cli = Cli.run("plan", "test", "--file", file(CI).toString(), "--var", "NOEQUALS");
    assertThat(cli.status()).isEqualTo(2);
    assertThat(cli.err()).isEqualTo("ci-services: --var \"NOEQUALS\" is not KEY=VALUE; e.g. --var POSTGRES_PASSWORD=example"
        + System.lineSeparator());
    Cli bad = Cli.run("plan", "test", "--file", file(CI).toString(), "--pull-policy", "sometimes");
    assertThat(bad.status()).isEqualTo(2);
    assertThat(bad.err()).contains("unsupported pull_policy config: \"sometimes\"; use one of always, if-not-present, never");
  }

  @Test
  void everyCommandHasHelp() {
    assertThat(Cli.run("--help").out()).contains("Commands:", "run", "plan");
    assertThat(Cli.run("plan", "--help").out()).contains("--format", "--file", "--var", "--secret", "--pull-policy",
        "--debug-services", "--timeout");
    assertThat(Cli.run("run", "--help").out()).contains("Exits with the job's status");
  }

  private void git(String... args) throws Exception {
    java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("git", "-C", dir.toString(), "-c",
        "user.name=Ada", "-c", "user.email=ada@example.com"));
    command.addAll(java.util.List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    assertThat(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
  }

  @Test
  void predefinedVariablesComeFromTheCheckoutAndThePlanSaysFromWhat() throws Exception {
    Path file = file(String.join("\n",
        "variables:",
        "  APP_IMAGE: $CI_REGISTRY_IMAGE/app",
        "  TAGGED: $APP_IMAGE:$CI_COMMIT_REF_SLUG",
        "test:",
        "  stage: verify",
        "  services:",
        "    - name: $TAGGED",
        "      alias: app",
        "    - name: postgres:16",
        "      variables:",
        "        BUILD: $CI_PIPELINE_ID",
        "  script: [make]",
        "stages: [verify]",
        ""));
    git("init", "-q", "-b", "Feature/Login");
    git("add", ".gitlab-ci.yml");
    git("commit", "-q", "-m", "CI");
    git("remote", "add", "origin", "git@gitlab.com:acme/Web-Shop.git");
    Cli cli = Cli.run("plan", "test", "--file", file.toString());
    assertThat(cli.status()).as(cli.err()).isZero();
    assertThat(cli.out())
        .contains("services[0] registry.gitlab.com/acme/web-shop/app:feature-login\n")
        .contains("  CI_REGISTRY_IMAGE=registry.gitlab.com/acme/web-shop  (CI_REGISTRY/CI_PROJECT_PATH in lower case)\n")
        .contains("  CI_PROJECT_PATH=acme/Web-Shop  (the path of the origin remote (gitlab.com/acme/Web-Shop))\n")
        .contains("  CI_JOB_STAGE=verify  (the job's stage)\n")
        .contains("WARNING: variable \"CI_PIPELINE_ID\" (used in services[1].variables.BUILD) is not defined, so it"
            + " expands to an empty string; define it in variables: or as a project variable\n")
        .containsPattern("  CI_COMMIT_SHA=[0-9a-f]{40}  \\(git rev-parse HEAD\\)\n");

    Cli overridden = Cli.run("plan", "test", "--file", file.toString(), "--var", "CI_REGISTRY=registry.example.com:5050",
        "--format", "json");
    JsonNode plan = new ObjectMapper().readTree(overridden.out());
    assertThat(plan.get("services").get(0).get("name").asText())
        .isEqualTo("registry.example.com:5050/acme/web-shop/app:feature-login");
    assertThat(plan.get("predefinedVariables").toString()).doesNotContain("\"key\":\"CI_REGISTRY\"")
        .contains("{\"key\":\"CI_COMMIT_REF_SLUG\",\"value\":\"feature-login\",\"source\":\"CI_COMMIT_REF_NAME,"
            + " slugified\"}");
  }

  private static final String MATRIX = String.join("\n",
      "workflow:",
      "  rules:",
      "    - if: $CI_COMMIT_TAG",
      "      when: never",
      "    - when: always",
      "test:",
      "  image: ruby:3.3",
      "  services: [postgres:$PG, redis:$REDIS]",
      "  parallel:",
      "    matrix:",
      "      - PG: ['15', '16']",
      "        REDIS: '7'",
      "  script: [make]",
      "deploy:",
      "  stage: deploy",
      "  script: [deploy]",
      "  rules:",
      "    - if: $CI_COMMIT_BRANCH == \"main\"",
      "      variables:",
      "        TARGET: production",
      "");

  @Test
  void aMatrixJobIsChosenByItsNameOrByItsVariables() throws Exception {
    Path file = file(MATRIX);
    Cli byName = Cli.run("plan", "test: [16, 7]", "--file", file.toString());
    assertThat(byName.status()).as(byName.err()).isZero();
    assertThat(byName.out()).contains("services[0] postgres:16\n").contains("services[1] redis:7\n")
        .contains("Rules: when: on_success (workflow:rules[1] matched: (no condition), when: always; no rules: when:"
            + " on_success)\n");
    Cli byMatrix = Cli.run("plan", "test", "--matrix", "PG=15", "--file", file.toString());
    assertThat(byMatrix.out()).contains("Job test: [15, 7] (image ruby:3.3)").contains("services[0] postgres:15\n");
    Cli none = Cli.run("plan", "test", "--matrix", "PG=14", "--file", file.toString());
    assertThat(none.status()).isEqualTo(2);
    assertThat(none.err()).isEqualTo("ci-services: --matrix PG=14: no job of \"test\" has these values; its jobs are"
        + " \"test: [15, 7]\", \"test: [16, 7]\"" + System.lineSeparator());
    Cli base = Cli.run("plan", "test", "--file", file.toString());
    assertThat(base.status()).isEqualTo(2);
    assertThat(base.err()).contains("\"test\" is a parallel job; name one of its jobs, \"test: [15, 7]\", \"test:"
        + " [16, 7]\", or choose one with --matrix KEY=VALUE");
  }

  @Test
  void planSaysWhichRuleMatchedAndAddsItsVariables() throws Exception {
    Path file = file(MATRIX);
    Cli main = Cli.run("plan", "deploy", "--file", file.toString(), "--var", "CI_COMMIT_BRANCH=main", "--format", "json");
    JsonNode plan = new ObjectMapper().readTree(main.out());
    assertThat(plan.get("rules").toString()).isEqualTo("{\"when\":\"on_success\",\"runs\":true,\"reason\":"
        + "\"workflow:rules[1] matched: (no condition), when: always; rules[0] matched: if: $CI_COMMIT_BRANCH =="
        + " \\\"main\\\"\"}");
    assertThat(plan.get("variables").toString()).contains("{\"key\":\"TARGET\",\"value\":\"production\"");
  }

  @Test
  void runOfAJobWhoseRulesSayNeverSaysSoAndExitsThree() throws Exception {
    Path file = file(MATRIX);
    Cli run = Cli.run("run", "deploy", "--file", file.toString(), "--var", "CI_COMMIT_BRANCH=topic");
    assertThat(run.status()).isEqualTo(3);
    assertThat(run.err()).isEqualTo("ci-services: job \"deploy\" would not run in GitLab: when: never"
        + " (workflow:rules[1] matched: (no condition), when: always; no rule of rules matched); --ignore-rules runs"
        + " it anyway" + System.lineSeparator());
    Cli tag = Cli.run("run", "test: [15, 7]", "--file", file.toString(), "--var", "CI_COMMIT_TAG=v1");
    assertThat(tag.status()).isEqualTo(3);
    assertThat(tag.err()).contains("when: never (workflow:rules[0] matched: if: $CI_COMMIT_TAG, when: never)");
  }

  @Test
  void onADetachedCheckoutAJobWithoutOnlyOrRulesIsLeftOutAsGitLabsDefaultOnlySays() throws Exception {
    Path file = file(String.join("\n", "test:", "  image: ruby:3.3", "  script: [make]", ""));
    git("init", "-q", "-b", "main");
    git("add", ".gitlab-ci.yml");
    git("commit", "-q", "-m", "CI");
    Cli onBranch = Cli.run("list", "--file", file.toString());
    assertThat(onBranch.out()).startsWith(String.join("\n", "JOB   STAGE  WHEN        IMAGE     SERVICES",
        "test  test   on_success  ruby:3.3  -", ""));
    git("checkout", "-q", "--detach");
    Cli detached = Cli.run("list", "--file", file.toString());
    assertThat(detached.status()).as(detached.err()).isZero();
    assertThat(detached.out()).isEqualTo(String.join("\n", "JOB   STAGE  WHEN   IMAGE     SERVICES",
        "test  test   never  ruby:3.3  -", "",
        "test: only:refs [branches, tags] (GitLab's default for a job without only, rules and workflow:rules) does not"
            + " match (ref none, pipeline source \"push\", project \"local/" + dir.getFileName() + "\")", ""));
    git("tag", "v1.0.0");
    assertThat(Cli.run("list", "--file", file.toString()).out()).contains("test  test   on_success  ruby:3.3  -\n");
  }

  @Test
  void listShowsEveryJobWithStageImageServicesAndRules() throws Exception {
    Path file = file(MATRIX);
    Cli text = Cli.run("list", "--file", file.toString());
    assertThat(text.status()).as(text.err()).isZero();
    assertThat(text.out()).startsWith(String.join("\n",
        "JOB            STAGE   WHEN        IMAGE     SERVICES",
        "test: [15, 7]  test    on_success  ruby:3.3  postgres:15, redis:7",
        "test: [16, 7]  test    on_success  ruby:3.3  postgres:16, redis:7",
        "deploy         deploy  never       -         -",
        "",
        "test: [15, 7]: workflow:rules[1] matched: (no condition), when: always; no rules: when: on_success"));
    Cli json = Cli.run("list", "--file", file.toString(), "--format", "json", "--var", "CI_COMMIT_BRANCH=main");
    JsonNode jobs = new ObjectMapper().readTree(json.out()).get("jobs");
    assertThat(jobs).hasSize(3);
    assertThat(jobs.get(1).toString()).isEqualTo("{\"name\":\"test: [16, 7]\",\"baseName\":\"test\",\"matrix\":"
        + "{\"PG\":\"16\",\"REDIS\":\"7\"},\"stage\":\"test\",\"image\":\"ruby:3.3\",\"services\":"
        + "[\"postgres:16\",\"redis:7\"],\"when\":\"on_success\",\"runs\":true,\"reason\":\"workflow:rules[1]"
        + " matched: (no condition), when: always; no rules: when: on_success\"}");
    assertThat(jobs.get(2).get("runs").asBoolean()).isTrue();
  }

  @Test
  void anInvalidRuleIsAFileErrorWithItsLine() throws Exception {
    Path file = file("job:\n  script: [x]\n  rules:\n    - if: '$A == \"x\" &&'\n");
    Cli cli = Cli.run("plan", "job", "--file", file.toString());
    assertThat(cli.status()).isEqualTo(2);
    assertThat(cli.err()).isEqualTo("ci-services: .gitlab-ci.yml:4: job \"job\": jobs:job:rules:rule if invalid"
        + " expression syntax (the expression ends too early)" + System.lineSeparator());
  }

  @Test
  void includesComeFromTheGitLabGivenWithTheTokenAndTheCacheServesOffline() throws Exception {
    com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
        new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
    java.util.List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    server.createContext("/", exchange -> {
      seen.add(exchange.getRequestURI().getRawPath());
      boolean ok = exchange.getRequestURI().getRawPath().equals("/api/v4/templates/gitlab_ci_ymls/Jobs%2FDatabase")
          && "glpat-cli-secret-42".equals(exchange.getRequestHeaders().getFirst("PRIVATE-TOKEN"));
      byte[] body = (ok ? "{\"content\": \".db:\\n  services: [postgres:16]\\n\"}" : "{}").getBytes();
      exchange.sendResponseHeaders(ok ? 200 : 404, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    Path file = file(String.join("\n",
        "include:",
        "  - template: Jobs/Database.gitlab-ci.yml",
        "  - project: acme/missing",
        "    file: ci.yml",
        "test:",
        "  extends: .db",
        "  script: [rspec]",
        "deploy:",
        "  extends: .deploy-base",
        "  script: [deploy]",
        ""));
    String url = "http://127.0.0.1:" + server.getAddress().getPort();
    String cache = dir.resolve("cache").toString();
    try {
      Cli online = Cli.run("plan", "test", "--file", file.toString(), "--gitlab-url", url, "--token",
          "glpat-cli-secret-42", "--cache-dir", cache);
      assertThat(online.status()).as(online.err()).isZero();
      assertThat(online.out()).contains("services[0] postgres:16\n")
          .contains("WARNING: .gitlab-ci.yml:3: include[1]: project \"acme/missing\" file \"ci.yml\" could not be"
              + " read: HTTP 404: no such project, file or ref (or the token cannot see it); the jobs that need it are"
              + " reported, the others are planned")
          .doesNotContain("glpat-cli-secret-42");
      Cli deploy = Cli.run("plan", "deploy", "--file", file.toString(), "--gitlab-url", url, "--cache-dir", cache);
      assertThat(deploy.status()).isEqualTo(2);
      assertThat(deploy.err()).isEqualTo("ci-services: .gitlab-ci.yml:9: job \"deploy\": extends \".deploy-base\","
          + " which comes from include project \"acme/missing\" file \"ci.yml\" that could not be read: HTTP 404: no"
          + " such project, file or ref (or the token cannot see it)" + System.lineSeparator());
    } finally {
      server.stop(0);
    }
    Cli offline = Cli.run("list", "--file", file.toString(), "--gitlab-url", url, "--offline", "--cache-dir", cache);
    assertThat(offline.status()).as(offline.err()).isZero();
    assertThat(offline.out()).contains("WARNING: include project \"acme/missing\" file \"ci.yml\" that could not be"
            + " read: --offline, and it is not in the cache\n")
        .contains("test    test   on_success  -      postgres:16\n")
        .contains("deploy  -      error");
  }
}
