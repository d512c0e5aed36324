package dev.ciservices.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The script both backends run, and the durations GitLab's messages print. */
class ShellScriptTest {
  @Test
  void echoesEachCommandInGreenAndStopsAtTheFirstFailureWhenAsked() {
    assertThat(ShellScript.of("/builds/it's", List.of("echo hi", "make test\nmake lint"), true)).isEqualTo(
        "set -e\ncd '/builds/it'\\''s'\n"
            + "printf '%s\\n' '\u001b[32;1m$ echo hi\u001b[0;m'\necho hi\n"
            + "printf '%s\\n' '\u001b[32;1m$ make test # collapsed multi-line command\u001b[0;m'\nmake test\nmake lint\n");
    assertThat(ShellScript.of("/b", List.of("true"), false)).doesNotContain("set -e");
  }

  @Test
  void durationsAreWrittenAsGoWritesThem() {
    assertThat(GoDuration.format(Duration.ofHours(1))).isEqualTo("1h0m0s");
    assertThat(GoDuration.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
    assertThat(GoDuration.format(Duration.ofSeconds(10))).isEqualTo("10s");
  }
}
