package dev.ciservices.gitlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A job's stage must be one of the pipeline's stages, as GitLab checks when it creates the pipeline. */
class StagesTest {
  @TempDir
  Path dir;

  private GitLabCiFile read(String... lines) throws Exception {
    Path file = dir.resolve(".gitlab-ci.yml");
    Files.writeString(file, String.join("\n", lines) + "\n");
    return GitLabCiFile.read(file);
  }

  @Test
  void aStageThatStagesDoesNotListIsGitLabsError() {
    assertThatThrownBy(() -> read(
        "stages: [test, build]",
        "pytest:",
        "  stage: lint_test_coverage",
        "  script: [pytest]"))
        .isInstanceOf(GitLabCiException.class)
        .hasMessage(".gitlab-ci.yml:3: job \"pytest\": pytest job: chosen stage lint_test_coverage does not exist;"
            + " available stages are .pre, test, build, .post");
  }

  @Test
  void withoutStagesTheDefaultsAndPreAndPostExist() throws Exception {
    GitLabCiFile ci = read(
        "setup:", "  stage: .pre", "  script: [make setup]",
        "compile:", "  stage: build", "  script: [make]",
        "unit:", "  script: [make test]",
        "ship:", "  stage: deploy", "  script: [make ship]");

    assertThat(ci.jobNames()).containsExactly("setup", "compile", "unit", "ship");
    assertThat(ci.stage("unit")).isEqualTo("test");
    assertThatThrownBy(() -> read("lint:", "  stage: lint", "  script: [make lint]"))
        .hasMessage(".gitlab-ci.yml:2: job \"lint\": lint job: chosen stage lint does not exist; available stages are"
            + " .pre, build, test, deploy, .post");
  }

  @Test
  void stagesAnUnreadIncludeMaySetAreNotChecked() throws Exception {
    GitLabCiFile ci = read(
        "include:",
        "  - project: group/ci",
        "    file: stages.yml",
        "lint:",
        "  stage: lint",
        "  script: [make lint]");

    assertThat(ci.jobNames()).containsExactly("lint");
    assertThat(ci.stage("lint")).isEqualTo("lint");
  }
}
