package dev.ciservices.gitlab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciservices.JobSpec;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/** No input makes the reader throw anything but {@link GitLabCiException}, and a read file answers for each job. */
class ParserPropertiesTest {
  private static final List<String> WORDS = List.of("test", "lint", ".base", ".tpl", "default", "variables",
      "services", "image", "script", "before_script", "after_script", "extends", "include", "inherit", "name", "alias",
      "entrypoint", "command", "pull_policy", "value", "expand", "description", "hooks", "docker", "local", "spec",
      "inputs", "rules", "parallel", "matrix", "trigger", "stages", "workflow", "A", "a-b", "postgres:16", "$VAR",
      "${X}", "always", "never", "if-not-present", "sometimes", "ci/x.yml", "https://example.com/x.yml", "echo hi");

  private static void readsOrFailsWithItsException(String yaml) {
    GitLabCiFile ci;
    try {
      ci = GitLabCiFile.parse(yaml, ".gitlab-ci.yml");
    } catch (GitLabCiException e) {
      assertThat(e.getMessage()).startsWith(".gitlab-ci.yml").isEqualTo(e.getMessage().strip());
      assertThat(e.problem()).isNotBlank();
      assertThat(e.line()).isNotNegative();
      return;
    }
    assertThat(ci.jobNames()).isNotEmpty().allSatisfy(name -> {
      JobSpec job = ci.job(name);
      assertThat(job.name()).isEqualTo(name);
      assertThat(ci.warnings()).containsAll(ci.warnings(name));
    });
    assertThat(ci.warnings()).allSatisfy(w -> assertThat(w).startsWith(".gitlab-ci.yml:"));
  }

  @Provide
  Arbitrary<String> yamlish() {
    Arbitrary<String> tokens = Arbitraries.oneOf(Arbitraries.of(WORDS), Arbitraries.of(":", ": ", "- ", "\n",
        "\n  ", "\n    ", "\n      ", "[", "]", "{", "}", ", ", "&a ", "*a", "&b ", "*b", "<<: ", "!reference ",
        "!!str ", "!!int ", "!foo ", "! ", "|\n  ", ">-\n  ", "'", "\"", "# c", "---\n", "...\n", "~", "null", "true",
        "yes", "010", "1.10", "12:30", "5", "", " ", "\t", "%YAML 1.1\n", "@", "?", "\\", "\u0000", "\uFEFF", "é"));
    return tokens.list().ofMaxSize(60).map(l -> String.join("", l));
  }

  @Property(tries = 3000)
  void tokenSoupFailsOnlyWithGitLabCiException(@ForAll("yamlish") String yaml) {
    readsOrFailsWithItsException(yaml);
  }

  @Property(tries = 1000)
  void anyTextFailsOnlyWithGitLabCiException(@ForAll String yaml) {
    readsOrFailsWithItsException(yaml);
  }

  @Provide
  Arbitrary<String> configs() {
    Arbitrary<String> jobName = Arbitraries.of("test", "lint", ".base", ".tpl", "build:2.7", "'quoted'", "1", "true");
    Arbitrary<String> job = Combinators.combine(jobName, entries(3), Arbitraries.integers().between(0, 9))
        .as((name, entries, n) -> name + ": {" + (n < 7 ? "script: [echo], " : "") + entries + "}");
    Arbitrary<String> reserved = Combinators.combine(Arbitraries.of("variables", "default", "include", "workflow",
        "image", "services", "before_script", "spec", "stages"), value(3)).as((k, v) -> k + ": " + v);
    return Arbitraries.frequencyOf(Tuple.of(4, job), Tuple.of(1, reserved))
        .list().ofMinSize(1).ofMaxSize(6).map(lines -> String.join("\n", lines) + "\n");
  }

  private static String flowKey(String word) {
    return word.matches("[A-Za-z0-9_.-]+") ? word : "'" + word + "'";
  }

  private Arbitrary<String> entries(int depth) {
    return Combinators.combine(Arbitraries.of(WORDS).map(ParserPropertiesTest::flowKey), value(depth))
        .as((k, v) -> k + ": " + v)
        .list().ofMaxSize(4).map(l -> String.join(", ", l));
  }

  private Arbitrary<String> value(int depth) {
    Arbitrary<String> scalar = Arbitraries.frequencyOf(
        Tuple.of(12, Arbitraries.of(WORDS).map(ParserPropertiesTest::flowKey)),
        Tuple.of(4, Arbitraries.of("~", "true", "no", "010", "1.10", "12:30", "5", "''", "\"$[[ inputs.x ]]\"")),
        Tuple.of(2, Arbitraries.of("!reference [.base, script]", "!reference [test]", "!reference [.tpl, services]",
            "!reference [default, image]", "!reference [variables]", "!!str 5")),
        Tuple.of(1, Arbitraries.of("*a", "!reference [.a, b]")));
    if (depth == 0) {
      return scalar;
    }
    Arbitrary<String> child = Arbitraries.lazy(() -> value(depth - 1));
    Arbitrary<String> list = child.list().ofMaxSize(4).map(l -> "[" + String.join(", ", l) + "]");
    Arbitrary<String> map = Arbitraries.lazy(() -> entries(depth - 1)).map(e -> "{" + e + "}");
    return Arbitraries.frequencyOf(Tuple.of(3, scalar), Tuple.of(2, list), Tuple.of(3, map),
        Tuple.of(1, map.map(m -> "&a " + m)), Tuple.of(1, map.map(m -> "{<<: " + m + "}")));
  }

  @Property(tries = 3000)
  void structuredConfigsFailOnlyWithGitLabCiException(@ForAll("configs") String yaml) {
    readsOrFailsWithItsException(yaml);
  }

  @Property(tries = 500)
  void aValidJobAlwaysReads(@ForAll("configs") String prefix) {
    String yaml = prefix + "zz-job:\n  script: [make]\n";
    try {
      GitLabCiFile ci = GitLabCiFile.parse(yaml, ".gitlab-ci.yml");
      assertThat(ci.jobNames()).contains("zz-job");
    } catch (GitLabCiException e) {
      assertThat(e.getMessage()).startsWith(".gitlab-ci.yml");
    }
  }
}
