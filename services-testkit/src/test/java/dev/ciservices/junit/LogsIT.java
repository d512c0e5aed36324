package dev.ciservices.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciservices.junit.RecordingLoggers.Event;
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
    EngineExecutionResults results = Kit.run(Quiet.class);

    Kit.assertNoFailures(results);
    assertThat(events("dev.ciservices.service.quiet")).isEmpty();
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
      for (int i = 0; i < 200 && events("dev.ciservices.service.talker").size() < 3; i++) {
        Thread.sleep(25);
      }
    }
  }

  @Inner
  @Service(name = "busybox:latest", alias = "quiet", variables = "HEALTHCHECK_TCP_PORT=7000",
      command = {"sh", "-c", "echo not routed; exec nc -ll -p 7000 -e echo ok"})
  static class Quiet {
    @Test
    void test() throws InterruptedException {
      Thread.sleep(200);
    }
  }
}
