package dev.ciservices.gitlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ciservices.ImageSpec;
import dev.ciservices.JobSpec;
import dev.ciservices.ServiceSpec;
import dev.ciservices.Variable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code include: local}: files merged in order, the including file last and winning. */
class IncludeLocalTest {
  @TempDir
  Path project;

  private Path write(String path, String... lines) throws IOException {
    Path file = project.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, String.join("\n", lines) + "\n");
    return file;
  }

  private GitLabCiFile readMain(String... lines) throws IOException {
    return GitLabCiFile.read(write(".gitlab-ci.yml", lines));
  }

  @Test
  void mergesIncludedFilesFirstAndTheMainFileOverThem() throws IOException {
    write("ci/defaults.yml",
        "variables:",
        "  DB: included",
        "  ONLY_INCLUDED: yes-really",
        "default:",
        "  image: ruby:3.2",
        "  services: [postgres:15]",
        "lint:",
        "  script: rubocop");
    GitLabCiFile ci = readMain(
        "include:",
        "  - local: ci/defaults.yml",
        "variables:",
        "  DB: main",
        "default:",
        "  image: ruby:3.3",
        "test:",
        "  script: rspec");

    JobSpec test = ci.job("test");
    assertThat(ci.jobNames()).containsExactly("lint", "test");
    assertThat(test.image()).contains(ImageSpec.of("ruby:3.3"));
    assertThat(test.services()).containsExactly(ServiceSpec.of("postgres:15"));
    assertThat(test.variables()).containsExactly(Variable.of("DB", "main"), Variable.of("ONLY_INCLUDED", "yes-really"));
  }

  @Test
  void acceptsTheStringListAndMapFormsWithOrWithoutALeadingSlash() throws IOException {
    write("a.yml", "a: {script: a}");
    write("ci/b.yaml", "b: {script: b}");
    write("ci/c.yml", "c: {script: c}");

    assertThat(readMain("include: a.yml", "main: {script: m}").jobNames()).containsExactly("a", "main");
    assertThat(readMain("include: [/a.yml, {local: /ci/b.yaml}, ci/c.yml]", "main: {script: m}").jobNames())
        .containsExactly("a", "b", "c", "main");
    assertThat(readMain("include: {local: ci/c.yml}", "main: {script: m}").jobNames()).containsExactly("c", "main");
  }

  @Test
  void followsNestedIncludesRelativeToTheProjectAndReadsEachFileOnce() throws IOException {
    write("ci/templates/ruby.yml",
        ".ruby:",
        "  image: ruby:3.3");
    write("ci/templates/db.yml",
        "include: ci/templates/ruby.yml",
        ".db:",
        "  extends: .ruby",
        "  services: [postgres:16]");
    GitLabCiFile ci = readMain(
        "include:",
        "  - ci/templates/db.yml",
        "  - ci/templates/ruby.yml",
        "  - .gitlab-ci.yml",
        "test:",
        "  extends: .db",
        "  script:",
        "    - !reference [.ruby, image]",
        "    - rspec");

    JobSpec test = ci.job("test");
    assertThat(test.image()).contains(ImageSpec.of("ruby:3.3"));
    assertThat(test.services()).containsExactly(ServiceSpec.of("postgres:16"));
    assertThat(test.script()).containsExactly("ruby:3.3", "rspec");
    assertThat(ci.warnings()).isEmpty();
  }

  @Test
  void expandsWildcards() throws IOException {
    write("ci/jobs/b.yml", "b: {script: b}");
    write("ci/jobs/a.yml", "a: {script: a}");
    write("ci/jobs/deeper/c.yml", "c: {script: c}");
    write("ci/jobs/notes.txt", "not yaml");

    assertThat(readMain("include: 'ci/jobs/*.yml'", "main: {script: m}").jobNames())
        .containsExactly("a", "b", "main");
    assertThat(readMain("include: {local: 'ci/**.yml'}", "main: {script: m}").jobNames())
        .containsExactly("a", "b", "c", "main");
  }

  @Test
  void reportsAnErrorInAnIncludedFileWithThatFilesNameAndLine() throws IOException {
    write("ci/db.yml",
        ".db:",
        "  services:",
        "    - name: postgres:16",
        "      pull_policy: sometimes");

    assertThatThrownBy(() -> readMain("include: ci/db.yml", "test:", "  extends: .db", "  script: make"))
        .isInstanceOf(GitLabCiException.class)
        .hasMessage("ci/db.yml:4: job \"test\": services[0].pull_policy: unsupported pull policy: \"sometimes\"; "
            + "use one of always, if-not-present, never");
    write("ci/broken.yml", "a: [b", "c: d");
    assertThatThrownBy(() -> readMain("include: ci/broken.yml", "test: {script: make}"))
        .hasMessage("ci/broken.yml:2: invalid YAML: expected ',' or ']', but got : (while parsing a flow sequence at "
            + "line 1)");
  }

  @Test
  void failsOnAMissingFileNamingWhereItLooked() throws IOException {
    Path expected = project.toAbsolutePath().normalize().resolve("ci/missing.yml");

    assertThatThrownBy(() -> readMain("include:", "  - local: ci/missing.yml", "test: {script: make}"))
        .isInstanceOf(GitLabCiException.class)
        .hasMessage(".gitlab-ci.yml:2: include[0]: local file \"ci/missing.yml\" does not exist (looked for "
            + expected + ")");
    assertThatThrownBy(() -> readMain("include: 'ci/*.yml'", "test: {script: make}"))
        .hasMessage(".gitlab-ci.yml:1: include: local \"ci/*.yml\" matches no file in the project directory "
            + project.toAbsolutePath().normalize());
  }

  @Test
  void failsOnFilesGitLabCannotInclude() throws IOException {
    write("ci/empty.yml", "# nothing");
    write("ci/notes.txt", "text");

    assertThatThrownBy(() -> readMain("include: ci/notes.txt", "test: {script: make}"))
        .hasMessage(".gitlab-ci.yml:1: include: local file \"ci/notes.txt\" does not have a YAML extension; GitLab "
            + "includes only .yml and .yaml files");
    assertThatThrownBy(() -> readMain("include: ../outside.yml", "test: {script: make}"))
        .hasMessage(".gitlab-ci.yml:1: include: local file \"../outside.yml\" is outside the project directory "
            + project.toAbsolutePath().normalize());
    assertThatThrownBy(() -> readMain("include: ci/empty.yml", "test: {script: make}"))
        .hasMessage(".gitlab-ci.yml:1: include: local file \"ci/empty.yml\" is empty");
    assertThatThrownBy(() -> readMain("include: 5", "test: {script: make}"))
        .hasMessage(".gitlab-ci.yml:1: include must be a file path, a map with local:, or a list of them, not an "
            + "integer (5); e.g. include: ci/test.yml");
    assertThatThrownBy(() -> readMain("include: {file: a.yml}", "test: {script: make}"))
        .hasMessage(".gitlab-ci.yml:1: include names no file; use local:, remote:, template:, project: or component:,"
            + " e.g. local: ci/test.yml");
  }

  @Test
  void reportsEachIncludeItCannotReadOnceAndReadsTheRest() throws IOException {
    write("ci/test.yml", "test: {script: make}");
    GitLabCiFile ci = readMain(
        "include:",
        "  - remote: https://example.com/ci.yml",
        "  - https://example.com/other.yml",
        "  - template: Auto-DevOps.gitlab-ci.yml",
        "  - project: group/ci",
        "    file: /templates/ruby.yml",
        "  - component: $CI_SERVER_FQDN/group/component@1.0",
        "  - local: ci/test.yml",
        "    rules:",
        "      - if: $CI_COMMIT_BRANCH");

    String why = " could not be read: only local includes are read without a GitLab instance; give --gitlab-url (or"
        + " CI_SERVER_URL); the jobs that need it are reported, the others are planned";
    assertThat(ci.jobNames()).containsExactly("test");
    assertThat(ci.warnings()).containsExactly(
        ".gitlab-ci.yml:2: include[0]: remote \"https://example.com/ci.yml\"" + why,
        ".gitlab-ci.yml:3: include[1]: remote \"https://example.com/other.yml\"" + why,
        ".gitlab-ci.yml:4: include[2]: template \"Auto-DevOps.gitlab-ci.yml\"" + why,
        ".gitlab-ci.yml:5: include[3]: project \"group/ci\" file \"/templates/ruby.yml\"" + why,
        ".gitlab-ci.yml:7: include[4]: component \"$CI_SERVER_FQDN/group/component@1.0\"" + why,
        ".gitlab-ci.yml:9: key \"include[5].rules\" is not evaluated; the file is always included");
  }

}
