package dev.ciservices.gitlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ciservices.JobSpec;
import dev.ciservices.Variable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** parallel jobs named as GitLab names them, and rules / workflow: rules evaluated. */
class RulesAndMatrixTest {
  @TempDir
  Path dir;

  private GitLabCiFile read(String... lines) throws Exception {
    Path file = dir.resolve(".gitlab-ci.yml");
    Files.writeString(file, String.join("\n", lines) + "\n");
    return GitLabCiFile.read(file);
  }

  private void git(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString(), "-c", "user.name=Ada", "-c",
        "user.email=ada@example.com"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();
  }

  private static List<Variable> vars(String... keyValues) {
    List<Variable> out = new ArrayList<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      out.add(Variable.of(keyValues[i], keyValues[i + 1]));
    }
    return out;
  }

  /** The documentation's parallel:matrix example. */
  @Test
  void matrixJobsAreNamedAsGitLabNamesThemWithTheirVariables() throws Exception {
    GitLabCiFile ci = read(
        "deploystacks:",
        "  stage: deploy",
        "  script: [bin/deploy]",
        "  variables:",
        "    PROVIDER: none",
        "  services:",
        "    - name: postgres:$PG",
        "  parallel:",
        "    matrix:",
        "      - PROVIDER: aws",
        "        STACK: [monitoring, app1]",
        "      - PROVIDER: [gcp, vultr]",
        "        STACK: [data, processing]",
        "        PG: 16");
    assertThat(ci.jobNames()).containsExactly("deploystacks: [aws, monitoring]", "deploystacks: [aws, app1]",
        "deploystacks: [gcp, data, 16]", "deploystacks: [gcp, processing, 16]", "deploystacks: [vultr, data, 16]",
        "deploystacks: [vultr, processing, 16]");
    assertThat(ci.instances("deploystacks")).hasSize(6);
    JobSpec job = ci.job("deploystacks: [vultr, data, 16]");
    assertThat(Variable.class).isNotNull();
    assertThat(dev.ciservices.Variables.lastValue("PROVIDER", job.variables())).isEqualTo("vultr");
    assertThat(dev.ciservices.Variables.lastValue("CI_NODE_INDEX", job.variables())).isEqualTo("5");
    assertThat(dev.ciservices.Variables.lastValue("CI_NODE_TOTAL", job.variables())).isEqualTo("6");
    assertThat(ci.matrix("deploystacks: [vultr, data, 16]")).containsExactly(Map.entry("PROVIDER", "vultr"),
        Map.entry("STACK", "data"), Map.entry("PG", "16"));
    assertThat(ci.baseName("deploystacks: [aws, app1]")).isEqualTo("deploystacks");
    assertThat(ci.stage("deploystacks: [aws, app1]")).isEqualTo("deploy");
    assertThat(ci.warnings()).isEmpty();
    assertThatThrownBy(() -> ci.job("deploystacks")).isInstanceOf(GitLabCiException.class)
        .hasMessage(".gitlab-ci.yml: \"deploystacks\" is a parallel job that runs as 6 jobs; name one of them:"
            + " \"deploystacks: [aws, monitoring]\", \"deploystacks: [aws, app1]\", \"deploystacks: [gcp, data, 16]\","
            + " \"deploystacks: [gcp, processing, 16]\", \"deploystacks: [vultr, data, 16]\","
            + " \"deploystacks: [vultr, processing, 16]\"");
  }

  @Test
  void parallelCountGivesNumberedJobs() throws Exception {
    GitLabCiFile ci = read("test:", "  script: [rspec]", "  parallel: 3");
    assertThat(ci.jobNames()).containsExactly("test 1/3", "test 2/3", "test 3/3");
  }

  @Test
  void matrixProblemsUseGitLabsTexts() {
    assertThatThrownBy(() -> read("test:", "  script: [x]", "  parallel:", "    matrix: {A: 1}"))
        .hasMessage(".gitlab-ci.yml:4: job \"test\": jobs:test:parallel:matrix config should be an array of hashes");
    assertThatThrownBy(() -> read("test:", "  script: [x]", "  parallel: 201"))
        .hasMessage(".gitlab-ci.yml:3: job \"test\": jobs:test:parallel config must be less than or equal to 200");
    String many = "[" + String.join(", ", java.util.Collections.nCopies(15, "x")) + "]";
    assertThatThrownBy(() -> read("test:", "  script: [x]", "  parallel:", "    matrix:", "      - A: " + many,
        "        B: " + many))
        .hasMessage(".gitlab-ci.yml:5: job \"test\": jobs:test:parallel:matrix config generates too many jobs"
            + " (maximum is 200)");
  }

  /** The documentation's first rules example, on a push pipeline and on a schedule. */
  @Test
  void theFirstMatchingRuleDecidesAndNoMatchMeansNever() throws Exception {
    GitLabCiFile ci = read(
        "job:",
        "  script: echo \"Hello, Rules!\"",
        "  rules:",
        "    - if: $CI_PIPELINE_SOURCE == \"merge_request_event\"",
        "      when: manual",
        "      allow_failure: true",
        "    - if: $CI_PIPELINE_SOURCE == \"schedule\"");
    RuleOutcome push = ci.rules("job", vars("CI_PIPELINE_SOURCE", "push"), dir);
    assertThat(push.runs()).isFalse();
    assertThat(push.reason()).isEqualTo("no rule of rules matched");
    RuleOutcome mr = ci.rules("job", vars("CI_PIPELINE_SOURCE", "merge_request_event"), dir);
    assertThat(mr.when()).isEqualTo("manual");
    assertThat(mr.reason()).isEqualTo("rules[0] matched: if: $CI_PIPELINE_SOURCE == \"merge_request_event\", when:"
        + " manual");
    RuleOutcome schedule = ci.rules("job", vars("CI_PIPELINE_SOURCE", "schedule"), dir);
    assertThat(schedule.when()).isEqualTo("on_success");
    assertThat(schedule.reason()).isEqualTo("rules[1] matched: if: $CI_PIPELINE_SOURCE == \"schedule\"");
  }

  @Test
  void ruleVariablesOverrideTheJobsAndWorkflowVariablesOnlyTheGlobalOnes() throws Exception {
    GitLabCiFile ci = read(
        "variables:",
        "  DEPLOY_VARIABLE: default-deploy",
        "  GLOBAL: g",
        "workflow:",
        "  rules:",
        "    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH",
        "      variables:",
        "        DEPLOY_VARIABLE: deploy-production",
        "        GLOBAL: from-workflow",
        "    - when: always",
        "job:",
        "  variables:",
        "    DEPLOY_VARIABLE: job-value",
        "  script: [make]",
        "  rules:",
        "    - if: $GLOBAL == \"from-workflow\"",
        "      variables:",
        "        FROM_RULE: yes-$DEPLOY_VARIABLE");
    List<Variable> main = new ArrayList<>(ci.job("job").variables());
    main.addAll(vars("CI_COMMIT_BRANCH", "main", "CI_DEFAULT_BRANCH", "main"));
    RuleOutcome outcome = ci.rules("job", main, dir);
    assertThat(outcome.variables()).extracting(Variable::toEnvEntry)
        .containsExactly("GLOBAL=from-workflow", "FROM_RULE=yes-$DEPLOY_VARIABLE");
    assertThat(outcome.reason()).isEqualTo("workflow:rules[0] matched: if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH;"
        + " rules[0] matched: if: $GLOBAL == \"from-workflow\"");
  }

  @Test
  void workflowRulesThatMatchNothingFilterEveryJobOut() throws Exception {
    GitLabCiFile ci = read(
        "workflow:",
        "  rules:",
        "    - if: $CI_COMMIT_TAG",
        "      when: never",
        "    - if: $CI_PIPELINE_SOURCE == \"merge_request_event\"",
        "job:",
        "  script: [make]");
    RuleOutcome outcome = ci.rules("job", vars("CI_PIPELINE_SOURCE", "push"), dir);
    assertThat(outcome.when()).isEqualTo("never");
    assertThat(outcome.reason()).isEqualTo("no rule of workflow:rules matched (GitLab: Pipeline filtered out by"
        + " workflow rules.)");
    assertThat(ci.rules("job", vars("CI_COMMIT_TAG", "v1"), dir).reason())
        .isEqualTo("workflow:rules[0] matched: if: $CI_COMMIT_TAG, when: never");
  }

  @Test
  void existsAndChangesLookAtTheCheckout() throws Exception {
    git("init", "-q", "-b", "main");
    Files.createDirectories(dir.resolve("backend/src"));
    Files.writeString(dir.resolve("backend/src/App.java"), "class App {}\n");
    Files.writeString(dir.resolve("Dockerfile"), "FROM alpine\n");
    GitLabCiFile ci = read(
        "docker:",
        "  script: [build]",
        "  rules:",
        "    - exists: [Dockerfile]",
        "      changes:",
        "        paths: ['backend/**/*.java']",
        "        compare_to: refs/heads/main",
        "      when: manual",
        "    - exists:",
        "        - '**/*.gradle'",
        "      when: always",
        "    - when: never");
    git("add", ".");
    git("commit", "-q", "-m", "first");
    RuleOutcome unchanged = ci.rules("docker", List.of(), dir);
    assertThat(unchanged.when()).isEqualTo("never");
    assertThat(unchanged.reason()).isEqualTo("rules[2] matched: (no condition), when: never");

    Files.writeString(dir.resolve("backend/src/App.java"), "class App { int x; }\n");
    RuleOutcome changed = ci.rules("docker", List.of(), dir);
    assertThat(changed.when()).isEqualTo("manual");
    assertThat(changed.reason()).isEqualTo("rules[0] matched: exists: [Dockerfile], changes: [backend/**/*.java]"
        + " compared to refs/heads/main (changes against refs/heads/main and the working tree), when: manual");

    Files.writeString(dir.resolve("build.gradle"), "\n");
    git("checkout", "-q", "backend/src/App.java");
    assertThat(ci.rules("docker", List.of(), dir).when()).isEqualTo("always");
  }

  @Test
  void changesWithoutAnUpstreamIsTrueAsForANewBranch() throws Exception {
    git("init", "-q", "-b", "topic");
    GitLabCiFile ci = read("job:", "  script: [x]", "  rules:", "    - changes: [docs/*]");
    RuleOutcome outcome = ci.rules("job", List.of(), dir);
    assertThat(outcome.runs()).isTrue();
    assertThat(outcome.reason()).isEqualTo("rules[0] matched: changes: [docs/*] (no upstream branch to compare with:"
        + " changes is true, as for a new branch in GitLab)");
  }

  @Test
  void aJobWithoutRulesRunsAsItsWhenSays() throws Exception {
    GitLabCiFile ci = read("job:", "  script: [x]", "  when: manual", "other:", "  script: [y]");
    assertThat(ci.rules("job", List.of(), dir).when()).isEqualTo("manual");
    assertThat(ci.rules("other", List.of(), dir).reason()).isEqualTo("no rules: when: on_success");
  }

  @Test
  void nestedRuleListsFromReferencesAreFlattened() throws Exception {
    GitLabCiFile ci = read(
        ".default_rules:",
        "  rules:",
        "    - if: $CI_PIPELINE_SOURCE == \"schedule\"",
        "      when: never",
        "    - if: $CI_COMMIT_BRANCH == \"main\"",
        "job:",
        "  script: [x]",
        "  rules:",
        "    - !reference [.default_rules, rules]",
        "    - if: $CI_COMMIT_TAG");
    assertThat(ci.rules("job", vars("CI_COMMIT_TAG", "v1"), dir).reason())
        .isEqualTo("rules[2] matched: if: $CI_COMMIT_TAG");
  }

  @Test
  void badRulesUseGitLabsTextsWithFileAndLine() {
    assertThatThrownBy(() -> read("job:", "  script: [x]", "  rules:", "    - if: $A = \"x\""))
        .isInstanceOf(GitLabCiException.class)
        .hasMessage(".gitlab-ci.yml:4: job \"job\": jobs:job:rules:rule if invalid expression syntax (unexpected"
            + " \"= \"x\"\")");
    assertThatThrownBy(() -> read("job:", "  script: [x]", "  rules:", "    - iff: $A"))
        .hasMessage(".gitlab-ci.yml:4: job \"job\": jobs:job:rules:rule config contains unknown keys: iff");
    assertThatThrownBy(() -> read("job:", "  script: [x]", "  rules:", "    - when: sometimes"))
        .hasMessage(".gitlab-ci.yml:4: job \"job\": jobs:job:rules:rule when unknown value: sometimes");
    assertThatThrownBy(() -> read("workflow:", "  rules:", "    - when: manual", "job:", "  script: [x]"))
        .hasMessage(".gitlab-ci.yml:3: workflow:rules:rule when unknown value: manual");
    assertThatThrownBy(() -> read("job:", "  script: [x]", "  rules: $A"))
        .hasMessage(".gitlab-ci.yml:3: job \"job\": jobs:job:rules config should be an array of hashes");
  }
}
