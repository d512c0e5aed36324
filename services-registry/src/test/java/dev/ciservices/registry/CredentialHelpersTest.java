package dev.ciservices.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real helper program: its standard error is captured, bounded, and never reaches this process's as is. */
class CredentialHelpersTest {
  @TempDir
  Path dir;

  private CredentialHelpers helper(String body) throws IOException {
    Path script = dir.resolve("docker-credential-test");
    Files.writeString(script, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return CredentialHelpers.in(List.of(dir));
  }

  @Test
  void theHelpersStandardErrorIsCapturedNotInherited() throws IOException {
    CredentialHelpers helpers = helper("cat >/dev/null\necho 'debug: answering hunter2-from-helper' >&2\n"
        + "printf '%s' '{\"Username\":\"u\",\"Secret\":\"hunter2-from-helper\"}'");
    PrintStream err = System.err;
    ByteArrayOutputStream seen = new ByteArrayOutputStream();
    CredentialHelpers.Output out;
    System.setErr(new PrintStream(seen, true, StandardCharsets.UTF_8));
    try {
      out = helpers.run("test", "get", "r.example");
    } finally {
      System.setErr(err);
    }
    assertThat(out.exitCode()).isZero();
    assertThat(out.stdout()).isEqualTo("{\"Username\":\"u\",\"Secret\":\"hunter2-from-helper\"}");
    assertThat(out.stderr()).isEqualTo("debug: answering hunter2-from-helper\n");
    assertThat(seen.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void aHugeStandardErrorIsCutAtTheLastWholeLineAndTheRestCounted() throws IOException {
    // 3000 lines of 11 bytes: 1489 whole lines (16379 bytes) fit in 16 KiB, 16621 bytes do not
    CredentialHelpers helpers = helper("cat >/dev/null\ni=0\nwhile [ $i -lt 3000 ]; do echo 0123456789 >&2;"
        + " i=$((i+1)); done\nprintf '%s' '{\"Username\":\"u\",\"Secret\":\"s\"}'");
    CredentialHelpers.Output out = helpers.run("test", "get", "r.example");
    assertThat(out.exitCode()).isZero();
    List<String> lines = out.stderr().lines().toList();
    assertThat(lines).hasSize(1490);
    assertThat(lines.subList(0, 1489)).allMatch("0123456789"::equals);
    assertThat(lines.get(1489)).isEqualTo("docker-credential-test get: 16621 more bytes of standard error not shown");
  }

  @Test
  void printHelperStderrMasksEachTextAndWritesItToThisProcesssStandardError() {
    PrintStream err = System.err;
    ByteArrayOutputStream seen = new ByteArrayOutputStream();
    System.setErr(new PrintStream(seen, true, StandardCharsets.UTF_8));
    try {
      RegistryAuth.printHelperStderr(List.of("debug: answering hunter2-from-helper\n"),
          t -> t.replace("hunter2-from-helper", "[MASKED]"));
    } finally {
      System.setErr(err);
    }
    assertThat(seen.toString(StandardCharsets.UTF_8)).isEqualTo("debug: answering [MASKED]\n");
  }
}
