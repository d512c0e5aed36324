package dev.ciservices.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad files and options: exit 2 and one line naming the file or option, the limit and the fix; no stack trace. */
class MalformedInputTest {
  @TempDir
  Path dir;

  private Path ci() throws Exception {
    Path file = dir.resolve(".gitlab-ci.yml");
    Files.writeString(file, "test: {image: alpine:3, services: [redis:7], script: [\"true\"]}\n");
    return file;
  }

  private static String oneLine(Cli cli) {
    System.out.println("exit " + cli.status() + ": " + cli.err().strip());
    assertThat(cli.status()).isEqualTo(2);
    assertThat(cli.out()).isEmpty();
    assertThat(cli.err().strip()).doesNotContain("\n").doesNotContain("Exception").doesNotContain("\tat ");
    return cli.err().strip();
  }

  @Test
  void timeoutsOutOfRangeAreRefusedBeforeAnythingStarts() throws Exception {
    String file = ci().toString();
    for (String command : new String[] {"run", "plan"}) {
      assertThat(oneLine(Cli.run(command, "test", "--file", file, "--timeout", "9223372036854775807")))
          .isEqualTo("ci-services: --timeout 9223372036854775807: the job timeout must be 1 to 2592000 seconds"
              + " (30 days, GitLab's longest); e.g. --timeout 3600");
      assertThat(oneLine(Cli.run(command, "test", "--file", file, "--timeout", "-5")))
          .isEqualTo("ci-services: --timeout -5: the job timeout must be 1 to 2592000 seconds (30 days, GitLab's"
              + " longest); e.g. --timeout 3600");
      assertThat(oneLine(Cli.run(command, "test", "--file", file, "--wait-timeout", "99999999")))
          .isEqualTo("ci-services: --wait-timeout 99999999: wait_for_services_timeout must be at most 2592000 seconds"
              + " (30 days); e.g. --wait-timeout 30, or -1 to skip the health check");
    }
  }

  @Test
  void filesThatAreNotRegularFilesAreRefused() throws Exception {
    Path fifo = dir.resolve("fifo.yml");
    new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor();
    for (String command : new String[] {"run", "plan"}) {
      assertThat(oneLine(Cli.run(command, "test", "--file", "/dev/zero"))).isEqualTo("ci-services: zero: \"/dev/zero\""
          + " is not a regular file (a device, FIFO or socket); GitLab reads only regular files: give the path of a"
          + " .gitlab-ci.yml file");
      assertThat(oneLine(Cli.run(command, "test", "--file", fifo.toString()))).contains("is not a regular file");
      assertThat(oneLine(Cli.run(command, "test", "--file", dir.toString()))).contains("is a directory");
      assertThat(oneLine(Cli.run(command, "test", "--file", dir.resolve("none.yml").toString())))
          .contains("does not exist");
    }
  }

  @Test
  void binaryAndHugeFilesAreRefused() throws Exception {
    Path binary = dir.resolve("binary.yml");
    Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2});
    assertThat(oneLine(Cli.run("plan", "test", "--file", binary.toString())))
        .isEqualTo("ci-services: binary.yml: \"" + binary + "\" is not UTF-8 text; save it as UTF-8");
    Path huge = dir.resolve("huge.yml");
    Files.writeString(huge, "test: {script: [\"" + "x".repeat(10 * 1024 * 1024) + "\"]}\n");
    assertThat(oneLine(Cli.run("run", "test", "--file", huge.toString()))).contains("more than GitLab's limit of"
        + " 2097152 bytes (2 MB, max_yaml_size_bytes) for one file; split it with include: local");
  }
}
