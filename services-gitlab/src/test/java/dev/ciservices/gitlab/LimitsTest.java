package dev.ciservices.gitlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GitLab's limits on configuration: each refusal is one line naming the file, the limit and the fix, found fast. */
class LimitsTest {
  @TempDir
  Path dir;

  private static String bomb(String use) {
    StringBuilder yaml = new StringBuilder(".l0: &l0 {a: x, b: x, c: x, d: x, e: x, f: x, g: x, h: x, i: x}\n");
    for (int i = 1; i <= 9; i++) {
      String p = "*l" + (i - 1);
      yaml.append(".l").append(i).append(": &l").append(i).append(" {a: ").append(p).append(", b: ").append(p)
          .append(", c: ").append(p).append(", d: ").append(p).append(", e: ").append(p).append(", f: ").append(p)
          .append(", g: ").append(p).append(", h: ").append(p).append(", i: ").append(p).append("}\n");
    }
    return yaml.append(use).toString();
  }

  @Test
  void nestedAliasesUsedThroughExtendsAreRefusedAtOnce() {
    String yaml = bomb(".tpl: {services: [redis:7], script: [echo], extra: *l9}\n"
        + "test: {extends: .tpl, extra: *l9}\n");
    assertThat(yaml.length()).isLessThan(1000);
    long start = System.nanoTime();
    assertThatThrownBy(() -> GitLabCiFile.parse(yaml, ".gitlab-ci.yml"))
        .hasMessage(".gitlab-ci.yml: with its aliases expanded the configuration holds more than 200000 values, the"
            + " limit (GitLab limits a configuration's parsed size too); use fewer nested aliases, or smaller shared"
            + " values");
    System.out.println("alias bomb refused in " + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms");
  }

  @Test
  void aTemplateCopiedByManyExtendsCountsOncePerJob() {
    StringBuilder yaml = new StringBuilder(".tpl:\n  script: [echo]\n  variables:\n");
    for (int i = 0; i < 1000; i++) {
      yaml.append("    V").append(i).append(": \"").append(i).append("\"\n");
    }
    for (int i = 0; i < 400; i++) {
      yaml.append("job").append(i).append(": {extends: .tpl}\n");
    }
    assertThatThrownBy(() -> GitLabCiFile.parse(yaml.toString(), ".gitlab-ci.yml"))
        .hasMessage(".gitlab-ci.yml: with its aliases, extends and !reference tags expanded the configuration holds"
            + " more than 200000 values, the limit (GitLab limits a configuration's parsed size too); use fewer nested"
            + " aliases, or smaller shared values");
  }

  @Test
  void aMergeOfAValueWithItselfDoesNotWalkIt() {
    String yaml = ".big: &big {k: v, n: {a: 1}}\n"
        + ".tpl: {script: [echo], variables: {A: \"1\"}, cache: *big}\n"
        + "test: {extends: .tpl, cache: *big}\n";
    assertThat(GitLabCiFile.parse(yaml, ".gitlab-ci.yml").job("test").variables()).hasSize(1);
  }

  @Test
  void onlyRegularFilesAreRead() throws Exception {
    assertThatThrownBy(() -> GitLabCiFile.read(Path.of("/dev/zero")))
        .hasMessage("zero: \"/dev/zero\" is not a regular file (a device, FIFO or socket); GitLab reads only regular"
            + " files: give the path of a .gitlab-ci.yml file");
    Path fifo = dir.resolve("fifo.yml");
    new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor();
    assertThatThrownBy(() -> GitLabCiFile.read(fifo))
        .hasMessage("fifo.yml: \"" + fifo + "\" is not a regular file (a device, FIFO or socket); GitLab reads only"
            + " regular files: give the path of a .gitlab-ci.yml file");
    assertThatThrownBy(() -> GitLabCiFile.read(dir))
        .hasMessageEndingWith(" is a directory; GitLab reads only regular files: give the path of a .gitlab-ci.yml file");
  }

  @Test
  void filesOverGitLabsSizeLimitAreRefusedBeforeTheyAreParsed() throws Exception {
    Path big = dir.resolve(".gitlab-ci.yml");
    Files.writeString(big, "test: {script: [echo \"" + "x".repeat(3 * 1024 * 1024) + "\"]}\n");
    assertThatThrownBy(() -> GitLabCiFile.read(big))
        .hasMessage(".gitlab-ci.yml: \"" + big + "\" is 3145754 bytes, more than GitLab's limit of 2097152 bytes"
            + " (2 MB, max_yaml_size_bytes) for one file; split it with include: local");
    Files.writeString(big, "include: [ci/big.yml]\ntest: {script: [echo]}\n");
    Files.createDirectories(dir.resolve("ci"));
    Files.writeString(dir.resolve("ci/big.yml"), "x: \"" + "y".repeat(2 * 1024 * 1024) + "\"\n");
    assertThatThrownBy(() -> GitLabCiFile.read(big))
        .hasMessage(".gitlab-ci.yml:1: include[0]: local file: \"ci/big.yml\" is 2097158 bytes, more than GitLab's"
            + " limit of 2097152 bytes (2 MB, max_yaml_size_bytes) for one file; split it with include: local");
  }

  @Test
  void aLongLineIsReadInLinearTime() throws Exception {
    Path file = dir.resolve(".gitlab-ci.yml");
    Files.writeString(file, "test: {script: [echo \"" + "x".repeat(2 * 1024 * 1024 - 40) + "\"]}\n");
    long start = System.nanoTime();
    assertThat(GitLabCiFile.read(file).job("test").script()).hasSize(1);
    System.out.println("2 MB one-line file read in " + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms");
  }
}
