package dev.ciservices.junit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciservices.JobEvent;
import dev.ciservices.JobPlan;
import dev.ciservices.ServicePlan;
import java.time.Instant;
import dev.ciservices.JobPlanner;
import dev.ciservices.JobSpec;
import dev.ciservices.ServiceSpec;
import dev.ciservices.junit.RecordingLoggers;
import dev.ciservices.junit.RecordingLoggers.Event;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/** Service log events to SLF4J by alias without colours or timestamps; trace warnings at WARN, the rest at DEBUG. */
class LogRouterTest {
  private static final String RESET = "\u001b[0;m";

  private final JobPlan plan = JobPlanner.plan(JobSpec.builder().debugServices(true)
      .service(ServiceSpec.builder("postgres:15").alias("router-db").build())
      .service(ServiceSpec.of("registry.example.com/team/router-cache:1"))
      .build(), Definition.testRunner().build());
  private final LogRouter router = new LogRouter(plan);

  @Test
  void sendsEachServiceLineToTheLoggerOfItsAliasWithoutColourOrTimestamp() {
    ServicePlan db = plan.services().get(0);
    String prefix = db.logColor() + "[service:" + db.logName() + "] ";
    String line = "2026-11-28T07:01:02.123456789Z LOG:  database system is \u001b[1mready\u001b[0m";
    router.onTrace(prefix + line + RESET);
    router.onEvent(new JobEvent.ServiceLogLine(Instant.now(), db, line));
    router.onTrace(prefix + "2026-11-28T07:01:02.223456789Z " + RESET);
    router.onEvent(new JobEvent.ServiceLogLine(Instant.now(), db, "2026-11-28T07:01:02.223456789Z "));

    assertThat(events("dev.ciservices.service.router-db")).containsExactly(
        new Event("dev.ciservices.service.router-db", Level.INFO, "[router-db] LOG:  database system is ready"),
        new Event("dev.ciservices.service.router-db", Level.INFO, "[router-db] "));
  }

  @Test
  void aServiceWithoutUserAliasIsNamedAfterItsFirstHostname() {
    assertThat(plan.services().get(1).logName()).isEqualTo("registry.example.com__team__router-cache-registry.example.com-team-router-cache");
    router.onEvent(new JobEvent.ServiceLogLine(Instant.now(), plan.services().get(1),
        "2026-11-28T07:01:02.123Z Ready to accept connections"));

    String logger = "dev.ciservices.service.registry.example.com__team__router-cache";
    assertThat(events(logger)).containsExactly(
        new Event(logger, Level.INFO, "[registry.example.com__team__router-cache] Ready to accept connections"));
  }

  @Test
  void leavesTheTraceCopyOfAServiceLineToItsEvent() {
    ServicePlan db = plan.services().get(0);
    router.onTrace(db.logColor() + "[service:" + db.logName() + "] 2026-11-28T07:01:02.1Z only in the trace" + RESET);

    assertThat(RecordingLoggers.events()).noneMatch(e -> e.message().contains("only in the trace"));
  }

  @Test
  void sendsWarningsAtWarnAndOtherTraceLinesAtDebug() {
    router.onTrace("\u001b[0;33mWARNING: " + RESET + "Skipping alias \"router-x\" for service \"redis:7\"");
    router.onTrace("Starting service router-started:1...");
    router.onTrace("[service:unknown-router] not one of this job's services");

    assertThat(events("dev.ciservices.junit")).contains(
        new Event("dev.ciservices.junit", Level.WARN, "WARNING: Skipping alias \"router-x\" for service \"redis:7\""),
        new Event("dev.ciservices.junit", Level.DEBUG, "Starting service router-started:1..."),
        new Event("dev.ciservices.junit", Level.DEBUG, "[service:unknown-router] not one of this job's services"));
  }

  private static List<Event> events(String logger) {
    return RecordingLoggers.events().stream().filter(e -> e.logger().equals(logger)).toList();
  }
}
