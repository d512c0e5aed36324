package dev.ciservices.gitlab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** GitLab's predefined variables derived from a real git checkout. */
class CheckoutVariablesTest {
  @TempDir
  Path dir;

  private void git(String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("git", "-C", dir.toString(), "-c", "user.name=Ada",
        "-c", "user.email=ada@example.com", "-c", "init.defaultBranch=main"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();
  }

  private void commitOn(String branch) throws Exception {
    git("init", "-q", "-b", branch);
    Files.writeString(dir.resolve("README.md"), "hello\n");
    git("add", "README.md");
    git("commit", "-q", "-m", "Add the README", "-m", "Longer text.");
  }

  private static Map<String, String> values(List<CheckoutVariables.Derived> derived) {
    Map<String, String> values = new LinkedHashMap<>();
    derived.forEach(d -> values.put(d.variable().key(), d.variable().value()));
    return values;
  }

  private String head() throws Exception {
    Process p = new ProcessBuilder("git", "-C", dir.toString(), "rev-parse", "HEAD").start();
    p.waitFor(30, TimeUnit.SECONDS);
    return new String(p.getInputStream().readAllBytes()).strip();
  }

  @Test
  void derivesCommitRefProjectServerAndRegistryAsGitLabDefinesThem() throws Exception {
    commitOn("feature/JIRA-12_Login");
    git("remote", "add", "origin", "https://oauth2:glpat-secret123@gitlab.com/Group/Sub/My.Project.git");
    CheckoutVariables checkout = CheckoutVariables.derive(dir, Map.of());
    Map<String, String> v = values(checkout.forJob("test: [16]", "verify", Map.of()));
    String sha = head();
    assertThat(v).containsEntry("CI_COMMIT_SHA", sha)
        .containsEntry("CI_COMMIT_SHORT_SHA", sha.substring(0, 8))
        .containsEntry("CI_COMMIT_REF_NAME", "feature/JIRA-12_Login")
        .containsEntry("CI_COMMIT_REF_SLUG", "feature-jira-12-login")
        .containsEntry("CI_COMMIT_BRANCH", "feature/JIRA-12_Login")
        .containsEntry("CI_COMMIT_TITLE", "Add the README")
        .containsEntry("CI_COMMIT_MESSAGE", "Add the README\n\nLonger text.")
        .containsEntry("CI_COMMIT_DESCRIPTION", "Longer text.")
        .containsEntry("CI_COMMIT_AUTHOR", "Ada <ada@example.com>")
        .containsEntry("CI_PROJECT_PATH", "Group/Sub/My.Project")
        .containsEntry("CI_PROJECT_NAMESPACE", "Group/Sub")
        .containsEntry("CI_PROJECT_NAME", "My.Project")
        .containsEntry("CI_PROJECT_ROOT_NAMESPACE", "Group")
        .containsEntry("CI_PROJECT_PATH_SLUG", "group-sub-my-project")
        .containsEntry("CI_SERVER_URL", "https://gitlab.com")
        .containsEntry("CI_SERVER_HOST", "gitlab.com")
        .containsEntry("CI_SERVER_PORT", "443")
        .containsEntry("CI_PROJECT_URL", "https://gitlab.com/Group/Sub/My.Project")
        .containsEntry("CI_REGISTRY", "registry.gitlab.com")
        .containsEntry("CI_REGISTRY_IMAGE", "registry.gitlab.com/group/sub/my.project")
        .containsEntry("CI_PIPELINE_SOURCE", "push")
        .containsEntry("CI_DEFAULT_BRANCH", "main")
        .containsEntry("CI_JOB_NAME", "test: [16]")
        .containsEntry("CI_JOB_NAME_SLUG", "test---16")
        .containsEntry("CI_JOB_STAGE", "verify")
        .doesNotContainKey("CI_COMMIT_TAG");
    assertThat(checkout.projectPath()).isEqualTo("Group/Sub/My.Project");
    assertThat(checkout.derived().toString()).doesNotContain("glpat-secret123").doesNotContain("oauth2");
    assertThat(checkout.derived()).filteredOn(d -> d.variable().key().equals("CI_COMMIT_SHA"))
        .extracting(CheckoutVariables.Derived::source).containsExactly("git rev-parse HEAD");
  }

  @Test
  void aDetachedHeadAtATagIsATagPipelineAndOriginHeadIsTheDefaultBranch() throws Exception {
    commitOn("main");
    git("tag", "-a", "v1.2.0", "-m", "Release 1.2.0");
    git("checkout", "-q", "--detach", "v1.2.0");
    git("remote", "add", "origin", "git@gitlab.example.com:infra/tools.git");
    git("update-ref", "refs/remotes/origin/develop", "HEAD");
    git("symbolic-ref", "refs/remotes/origin/HEAD", "refs/remotes/origin/develop");
    Map<String, String> v = values(CheckoutVariables.derive(dir, Map.of()).derived());
    assertThat(v).containsEntry("CI_COMMIT_TAG", "v1.2.0")
        .containsEntry("CI_COMMIT_REF_NAME", "v1.2.0")
        .containsEntry("CI_COMMIT_REF_SLUG", "v1-2-0")
        .containsEntry("CI_COMMIT_TAG_MESSAGE", "Release 1.2.0")
        .containsEntry("CI_DEFAULT_BRANCH", "develop")
        .containsEntry("CI_SERVER_URL", "https://gitlab.example.com")
        .containsEntry("CI_REGISTRY", "registry.gitlab.example.com")
        .containsEntry("CI_REGISTRY_IMAGE", "registry.gitlab.example.com/infra/tools")
        .doesNotContainKey("CI_COMMIT_BRANCH");
  }

  @Test
  void givenValuesAreNotDerivedAndTheValuesThatFollowFromThemUseThem() throws Exception {
    commitOn("main");
    git("remote", "add", "origin", "https://gitlab.com/a/b.git");
    Map<String, String> given = Map.of("CI_COMMIT_REF_NAME", "release/1.0", "CI_SERVER_URL", "http://git.local:8080",
        "CI_REGISTRY", "git.local:5050");
    Map<String, String> v = values(CheckoutVariables.derive(dir, given).derived());
    assertThat(v).doesNotContainKeys("CI_COMMIT_REF_NAME", "CI_SERVER_URL", "CI_REGISTRY")
        .containsEntry("CI_COMMIT_REF_SLUG", "release-1-0")
        .containsEntry("CI_COMMIT_BRANCH", "release/1.0")
        .containsEntry("CI_PROJECT_URL", "http://git.local:8080/a/b")
        .containsEntry("CI_SERVER_PORT", "8080")
        .containsEntry("CI_REGISTRY_IMAGE", "git.local:5050/a/b");
  }

  @Test
  void withoutGitTheProjectIsLocalAndTheCommitVariablesAreNotDerived() throws Exception {
    Path project = Files.createDirectory(dir.resolve("My App"));
    CheckoutVariables checkout = CheckoutVariables.derive(project, Map.of());
    Map<String, String> v = values(checkout.derived());
    assertThat(checkout.projectPath()).isEqualTo("local/my-app");
    assertThat(v).containsEntry("CI_PROJECT_PATH", "local/my-app").doesNotContainKeys("CI_COMMIT_SHA", "CI_SERVER_URL");
    assertThat(checkout.derived().get(0).source()).startsWith("local/ and the directory's name; there is no origin"
        + " remote (no git checkout here: git rev-parse exited with");
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
      "main|main",
      "Feature/Add_Thing|feature-add-thing",
      "--x--|x",
      "1.0.x|1-0-x",
      "ÜberBranch|berbranch",
      "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-b|aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
  })
  void slugsAsGitLabDoes(String text, String slug) {
    assertThat(CheckoutVariables.slug(text)).isEqualTo(slug);
  }
}
