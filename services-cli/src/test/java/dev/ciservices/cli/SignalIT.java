package dev.ciservices.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM and SIGINT to {@code ci-services run} at each phase: while services are created, while
 * they are waited for, while the script runs. The command prints GitLab's line saying what was
 * cancelled and what was removed, exits 143 or 130, and leaves nothing on the engine.
 */
class SignalIT {
  private static final String JAR = "target/ci-services.jar";

  @TempDir
  Path project;

  @ParameterizedTest(name = "{0} while {1}")
  @CsvSource({
      "TERM, creating services, Starting service, 143",
      "INT, creating services, Starting service, 130",
      "TERM, waiting for services, Waiting for services, 143",
      "INT, waiting for services, Waiting for services, 130",
      "TERM, running the script, script started, 143",
      "INT, running the script, script started, 130"})
  void cancelsCleansUpAndExitsWithTheSignalsStatus(String signal, String phase, String when, int status)
      throws Exception {
    Files.writeString(project.resolve(".gitlab-ci.yml"), String.join("\n",
        "test:",
        "  image: ci-services/clients:latest",
        "  services:",
        "    - name: " + (phase.equals("running the script") ? "redis:7" : "ci-services/never-listens:latest"),
        "      alias: svc",
        "  script:",
        "    - echo script started",
        "    - sleep 120",
        ""));
    // env --default-signal: SIGINT as a terminal's foreground command has it; a CI runner or nohup that
    // starts the build in the background passes SIGINT on as ignored, and then the JVM cannot handle it
    Process cli = new ProcessBuilder("env", "--default-signal=INT", "java", "-cp", JAR, "dev.ciservices.cli.Main", "run",
        "test", "--file",
        project.resolve(".gitlab-ci.yml").toString(), "--wait-timeout", "120")
        .redirectErrorStream(true).start();
    List<String> lines = new CopyOnWriteArrayList<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(cli.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          lines.add(line);
        }
      } catch (Exception e) {
        // the process ended
      }
    });
    reader.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (lines.stream().noneMatch(l -> l.contains(when)) && System.nanoTime() < deadline && cli.isAlive()) {
      Thread.sleep(20);
    }
    assertThat(lines).as("output before the signal").anyMatch(l -> l.contains(when));
    new ProcessBuilder("kill", "-" + signal, Long.toString(cli.pid())).inheritIO().start().waitFor();
    assertThat(cli.waitFor(60, TimeUnit.SECONDS)).as("exits within 60 s of SIG" + signal).isTrue();
    reader.join(5000);
    System.out.println("SIG" + signal + " while " + phase + ": exit " + cli.exitValue() + ", last line: "
        + lines.get(lines.size() - 1));
    assertThat(cli.exitValue()).isEqualTo(status);
    assertThat(lines.get(lines.size() - 1)).startsWith("\u001b[31;1mERROR: Job failed: canceled by SIG" + signal
        + ": job \"test\" interrupted while ").contains("; removed container ");
    assertThat(lines).noneMatch(l -> l.contains("Exception") || l.contains("\tat "));
    assertThat(leftovers(cli.pid())).isEmpty();
  }

  /** What the engine holds of a process's runs. */
  static List<String> leftovers(long pid) throws Exception {
    List<String> found = new ArrayList<>();
    for (String kind : new String[] {"container", "network", "volume"}) {
      String filter = "label=dev.ciservices.owner.pid=" + pid;
      List<String> args = kind.equals("container") ? List.of("docker", "ps", "-aq", "--filter", filter)
          : List.of("docker", kind, "ls", "-q", "--filter", filter);
      Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      p.waitFor();
      if (!out.isEmpty()) {
        found.add(kind + " " + out.replace('\n', ' '));
      }
    }
    return found;
  }
}
