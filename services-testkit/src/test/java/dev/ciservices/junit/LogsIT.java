package dev.ciservices.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciservices.junit.RecordingLoggers.Event;
import dev.ciservices.RunningService;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.slf4j.event.Level;

/** Service logs routed to SLF4J: one logger per service, the alias in every line, no colours. */
class LogsIT {
  private static final String SCRIPT = "echo hello from talker; printf '\\033[0;31mred text\\033[0m\\n';"
      + " echo \"password is $POSTGRES_PASSWORD\"; exec nc -ll -p 7000 -e echo ok";

  @Test
  void everyLineOfEveryServiceGoesToTheLoggerOfItsAlias() {
    EngineExecutionResults results = Kit.run(Talking.class);

    Kit.assertNoFailures(results);
    List<Event> talker = events("dev.ciservices.service.talker");
    assertThat(talker).contains(
        new Event("dev.ciservices.service.talker", Level.INFO, "[talker] hello from talker"),
        new Event("dev.ciservices.service.talker", Level.INFO, "[talker] red text"),
        new Event("dev.ciservices.service.talker", Level.INFO, "[talker] password is pw"));
    assertThat(events("dev.ciservices.junit")).contains(
        new Event("dev.ciservices.junit", Level.DEBUG, "Starting service busybox:latest..."),
        new Event("dev.ciservices.junit", Level.WARN, "WARNING: Skipping alias \"talker\" for service \"redis:7\""
            + " (services[1]): alias is already in use by another service."));
    assertThat(events("dev.ciservices.service.redis")).isNotEmpty()
        .allSatisfy(e -> assertThat(e.message()).startsWith("[redis] "));
    assertThat(RecordingLoggers.events()).noneMatch(e -> e.message().contains("\u001b"));
  }

  @Test
  void withoutLogsNoServiceLineIsLogged() {
    // Talking, in the same run, shows that lines are routed while Quiet's test waits for its own line
    EngineExecutionResults results = Kit.run(Talking.class, Quiet.class);

    Kit.assertNoFailures(results);
    assertThat(events("dev.ciservices.service.talker")).isNotEmpty();
    assertThat(events("dev.ciservices.service.quiet")).isEmpty();
    assertThat(RecordingLoggers.events()).noneMatch(e -> e.message().contains("not routed"));
  }

  private static List<Event> events(String logger) {
    return RecordingLoggers.events().stream().filter(e -> e.logger().equals(logger)).toList();
  }

  @Inner
  @CiServices(logs = true, variables = "POSTGRES_PASSWORD=pw")
  @Service(name = "busybox:latest", alias = "talker", variables = "HEALTHCHECK_TCP_PORT=7000",
      command = {"sh", "-c", SCRIPT})
  @Service(name = "redis:7", alias = "talker")
  static class Talking {
    @Test
    void waitsForTheLines() throws InterruptedException {
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (events("dev.ciservices.service.talker").size() < 3) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("the talker's lines did not reach SLF4J within 10 s: " + RecordingLoggers.events());
        }
        Thread.sleep(25);
      }
    }
  }

  @Inner
  @Service(name = "busybox:latest", alias = "quiet", variables = "HEALTHCHECK_TCP_PORT=7000",
      command = {"sh", "-c", "echo not routed; exec nc -ll -p 7000 -e echo ok"})
  static class Quiet {
    /** Waits until the service has printed its line, so that a routed line would have been logged. */
    @Test
    void test(@ServiceAlias("quiet") RunningService quiet) throws InterruptedException {
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (!Leftovers.logs(quiet.containerId()).contains("not routed")) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("the quiet service did not print its line within 10 s");
        }
        Thread.sleep(25);
      }
    }
  }
}
