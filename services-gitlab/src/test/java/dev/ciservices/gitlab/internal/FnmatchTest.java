package dev.ciservices.gitlab.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Ruby's fnmatch with GitLab's flags, as rules: exists and changes use it. */
class FnmatchTest {
  @ParameterizedTest(name = "[{index}] {0} ~ {1}: {2}")
  @CsvSource(delimiter = '|', value = {
      "Dockerfile|Dockerfile|true",
      "*.rb|app.rb|true",
      "*.rb|lib/app.rb|false",
      "**/*.rb|app.rb|true",
      "**/*.rb|lib/deep/app.rb|true",
      "docs/**/*|docs/a/b.md|true",
      "docs/**|docs/a/b.md|false",
      "docs/**|docs/b.md|true",
      "/Dockerfile|Dockerfile|true",
      "*.{yml,yaml}|ci.yaml|true",
      "*.{yml,yaml}|ci.json|false",
      "file?.txt|file1.txt|true",
      "[ab].txt|b.txt|true",
      "[!ab].txt|c.txt|true",
      "*|.env|true",
      "**/.gitlab-ci.yml|sub/.gitlab-ci.yml|true",
  })
  void matchesAsRubyFnmatchWithPathnameDotmatchAndExtglob(String pattern, String path, boolean expected) {
    assertThat(Fnmatch.compile(pattern).matches(path)).isEqualTo(expected);
  }
}
