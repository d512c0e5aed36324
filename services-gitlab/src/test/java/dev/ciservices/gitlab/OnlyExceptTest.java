package dev.ciservices.gitlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ciservices.Variable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code only} and {@code except} decided as GitLab's server decides them, and what a file whose
 * jobs all come from unreadable includes says. Minimal excerpts of the constructs real files use.
 */
class OnlyExceptTest {
  @TempDir
  Path dir;

  private GitLabCiFile read(String... lines) throws Exception {
    Path file = dir.resolve(".gitlab-ci.yml");
    Files.writeString(file, String.join("\n", lines) + "\n");
    return GitLabCiFile.read(file);
  }

  private static List<Variable> vars(String... keyValues) {
    List<Variable> out = new ArrayList<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      out.add(Variable.of(keyValues[i], keyValues[i + 1]));
    }
    return out;
  }

  private static final String SHA = "0123456789abcdef0123456789abcdef01234567";

  private static List<Variable> branch(String name) {
    return vars("CI_PIPELINE_SOURCE", "push", "CI_COMMIT_SHA", SHA, "CI_COMMIT_BRANCH", name, "CI_COMMIT_REF_NAME",
        name, "CI_PROJECT_PATH", "group/app");
  }

  private static List<Variable> tag(String name) {
    return vars("CI_PIPELINE_SOURCE", "push", "CI_COMMIT_SHA", SHA, "CI_COMMIT_TAG", name, "CI_COMMIT_REF_NAME",
        name, "CI_PROJECT_PATH", "group/app");
  }

  /** A detached checkout: a commit, but neither a branch nor a tag (CheckoutVariables gives no ref name). */
  private static List<Variable> detached() {
    return vars("CI_PIPELINE_SOURCE", "push", "CI_COMMIT_SHA", SHA, "CI_PROJECT_PATH", "group/app");
  }

  @Test
  void onlyTagsLeavesABranchPipelineWithoutTheJob() throws Exception {
    GitLabCiFile ci = read("deploy:", "  script: [make deploy]", "  only:", "    - tags");

    RuleOutcome onBranch = ci.rules("deploy", branch("main"), dir);
    assertThat(onBranch.runs()).isFalse();
    assertThat(onBranch.reason()).isEqualTo("only:refs [tags] does not match (ref \"main\", pipeline source"
        + " \"push\", project \"group/app\")");
    RuleOutcome onTag = ci.rules("deploy", tag("v1.0.0"), dir);
    assertThat(onTag.when()).isEqualTo("on_success");
    assertThat(onTag.reason()).isEqualTo("only matches: when: on_success");
  }

  @Test
  void exceptRegexAndProjectPathAreMatchedAgainstTheRef() throws Exception {
    GitLabCiFile ci = read(
        "test:",
        "  script: [make test]",
        "  when: manual",
        "  except:",
        "    - /(^docs[\\/-].*|.*-docs$)/",
        "release:",
        "  script: [make release]",
        "  only:",
        "    - /\\Av[0-9]+\\.[0-9]+\\.[0-9]+\\Z/@group/app",
        "    - master@group/app");

    assertThat(ci.rules("test", branch("docs-typo"), dir).reason())
        .isEqualTo("except:refs [/(^docs[\\/-].*|.*-docs$)/] matches (ref \"docs-typo\", pipeline source \"push\","
            + " project \"group/app\")");
    assertThat(ci.rules("test", branch("docs-typo"), dir).runs()).isFalse();
    assertThat(ci.rules("test", branch("feature"), dir).when()).isEqualTo("manual");
    assertThat(ci.rules("test", branch("feature"), dir).reason()).isEqualTo("only:refs [branches, tags]"
        + " (GitLab's default for a job without only, rules and workflow:rules) matches, except does not match: when:"
        + " manual");
    assertThat(ci.rules("release", tag("v1.2.3"), dir).runs()).isTrue();
    assertThat(ci.rules("release", tag("v1.2.3-rc1"), dir).runs()).isFalse();
    assertThat(ci.rules("release", branch("master"), dir).runs()).isTrue();
    List<Variable> fork = new ArrayList<>(branch("master"));
    fork.add(Variable.of("CI_PROJECT_PATH", "someone/app"));
    assertThat(ci.rules("release", fork, dir).runs()).isFalse();
  }

  @Test
  void everyKeyOfOnlyMustMatchAndAnyKeyOfExceptExcludes() throws Exception {
    GitLabCiFile ci = read(
        "scan:",
        "  script: [scan]",
        "  only:",
        "    refs: [branches]",
        "    variables:",
        "      - $GITLAB_FEATURES =~ /\\bsast\\b/",
        "  except:",
        "    variables:",
        "      - $SAST_DISABLED",
        "review:",
        "  script: [deploy]",
        "  only:",
        "    refs: [branches]",
        "    kubernetes: active",
        "nightly:",
        "  script: [make nightly]",
        "  only: [schedules, web]");

    List<Variable> features = new ArrayList<>(branch("main"));
    features.add(Variable.of("GITLAB_FEATURES", "sast,dast"));
    assertThat(ci.rules("scan", features, dir).runs()).isTrue();
    assertThat(ci.rules("scan", branch("main"), dir).reason())
        .isEqualTo("only:variables [$GITLAB_FEATURES =~ /\\bsast\\b/] does not match");
    features.add(Variable.of("SAST_DISABLED", "true"));
    assertThat(ci.rules("scan", features, dir).reason()).isEqualTo("except:variables [$SAST_DISABLED] matches");
    assertThat(ci.rules("review", branch("main"), dir).reason())
        .isEqualTo("only:kubernetes [active] does not match (no Kubernetes integration locally)");
    assertThat(ci.rules("nightly", branch("main"), dir).runs()).isFalse();
    assertThat(ci.rules("nightly", vars("CI_PIPELINE_SOURCE", "schedule", "CI_COMMIT_BRANCH", "main"), dir).runs())
        .isTrue();
    assertThat(ci.rules("nightly", vars("CI_PIPELINE_SOURCE", "web", "CI_COMMIT_BRANCH", "main"), dir).runs())
        .isTrue();
  }

  @Test
  void aJobWithoutOnlyGetsGitLabsDefaultBranchesAndTagsSoADetachedCheckoutLeavesItOut() throws Exception {
    GitLabCiFile ci = read("test:", "  script: [make test]", "lint:", "  script: [make lint]", "  except: [main]");
    List<Variable> detached = detached();

    RuleOutcome onDetached = ci.rules("test", detached, dir);
    assertThat(onDetached.runs()).isFalse();
    assertThat(onDetached.reason()).isEqualTo("only:refs [branches, tags] (GitLab's default for a job without only,"
        + " rules and workflow:rules) does not match (ref none, pipeline source \"push\", project \"group/app\")");
    RuleOutcome onBranch = ci.rules("test", branch("feature"), dir);
    assertThat(onBranch.when()).isEqualTo("on_success");
    assertThat(onBranch.reason()).isEqualTo("only:refs [branches, tags] (GitLab's default for a job without only,"
        + " rules and workflow:rules) matches: when: on_success");
    assertThat(ci.rules("test", tag("v1.0.0"), dir).runs()).isTrue();
    // except alone keeps the default only, as in GitLab
    assertThat(ci.rules("lint", detached, dir).runs()).isFalse();
    assertThat(ci.rules("lint", branch("main"), dir).reason()).isEqualTo("except:refs [main] matches (ref \"main\","
        + " pipeline source \"push\", project \"group/app\")");
    assertThat(ci.rules("lint", branch("feature"), dir).reason()).isEqualTo("only:refs [branches, tags] (GitLab's"
        + " default for a job without only, rules and workflow:rules) matches, except does not match: when: on_success");
  }

  @Test
  void rulesOrWorkflowRulesRemoveTheDefaultOnly() throws Exception {
    List<Variable> detached = detached();
    GitLabCiFile withRules = read("test:", "  script: [make test]", "  rules:", "    - when: always");
    assertThat(withRules.rules("test", detached, dir).runs()).isTrue();

    GitLabCiFile withWorkflow = read("workflow:", "  rules:", "    - when: always", "test:", "  script: [make test]");
    RuleOutcome outcome = withWorkflow.rules("test", detached, dir);
    assertThat(outcome.runs()).isTrue();
    assertThat(outcome.reason()).isEqualTo("workflow:rules[0] matched: (no condition), when: always; no rules:"
        + " when: on_success");
  }

  @Test
  void outsideAGitCheckoutThereIsNoRefSoTheDefaultOnlyIsNotApplied() throws Exception {
    GitLabCiFile ci = read("test:", "  script: [make test]");
    // what CheckoutVariables gives for a directory outside a git checkout: no CI_COMMIT_SHA, no ref
    RuleOutcome outcome = ci.rules("test", vars("CI_PIPELINE_SOURCE", "push", "CI_PROJECT_PATH", "group/app"), dir);
    assertThat(outcome.runs()).isTrue();
    assertThat(outcome.reason()).isEqualTo("no rules: when: on_success");
  }

  @Test
  void onlyNextToRulesIsGitLabsError() {
    assertThatThrownBy(() -> read("test:", "  script: [make]", "  rules:", "    - when: always", "  only: [main]"))
        .isInstanceOf(GitLabCiException.class)
        .hasMessage(".gitlab-ci.yml:5: job \"test\": jobs:test config key may not be used with `rules`: only");
  }

  @Test
  void aFileWhoseJobsAllComeFromUnreadIncludesNamesThemOnce() {
    assertThatThrownBy(() -> read(
        "variables:",
        "  POSTGRES_DB: test",
        "include:",
        "  - template: Jobs/Build.gitlab-ci.yml",
        "  - template: Jobs/Test.gitlab-ci.yml"))
        .isInstanceOf(GitLabCiException.class)
        .hasMessage(".gitlab-ci.yml: jobs config should contain at least one visible job; its jobs may come from"
            + " one of the includes that could not be read (only local includes are read without a GitLab"
            + " instance; give --gitlab-url (or CI_SERVER_URL)): template \"Jobs/Build.gitlab-ci.yml\", template"
            + " \"Jobs/Test.gitlab-ci.yml\"");
  }

  @Test
  void aJobExtendingAHiddenJobOfUnreadIncludesSaysTheSharedReasonOnce() throws Exception {
    GitLabCiFile ci = read(
        "include:",
        "  - template: Jobs/SAST.gitlab-ci.yml",
        "  - project: group/oidc",
        "    file: auth.yml",
        "sign:",
        "  extends: .oidc:auth",
        "  script: [sign]",
        "lint:",
        "  image: alpine:3",
        "  script: [lint]");

    assertThat(ci.jobNames()).containsExactly("sign", "lint");
    assertThatThrownBy(() -> ci.job("sign")).isInstanceOf(GitLabCiException.class)
        .hasMessage(".gitlab-ci.yml:6: job \"sign\": extends \".oidc:auth\", which may come from one of the includes"
            + " that could not be read (only local includes are read without a GitLab instance; give --gitlab-url"
            + " (or CI_SERVER_URL)): template \"Jobs/SAST.gitlab-ci.yml\", project \"group/oidc\" file \"auth.yml\"");
    assertThat(ci.job("lint").image().orElseThrow().name()).isEqualTo("alpine:3");
  }
}
