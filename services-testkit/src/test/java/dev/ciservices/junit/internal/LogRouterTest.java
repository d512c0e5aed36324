package dev.ciservices.junit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciservices.JobPlan;
import dev.ciservices.JobPlanner;
import dev.ciservices.JobSpec;
import dev.ciservices.ServiceSpec;
import dev.ciservices.junit.RecordingLoggers;
import dev.ciservices.junit.RecordingLoggers.Event;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/** Trace lines to SLF4J: service lines by alias without colours or timestamps, warnings at WARN, the rest at DEBUG. */
class LogRouterTest {
  private static final String RESET = "\u001b[0;m";

  private final JobPlan plan = JobPlanner.plan(JobSpec.builder().debugServices(true)
      .service(ServiceSpec.builder("postgres:15").alias("router-db").build())
      .service(ServiceSpec.of("registry.example.com/team/router-cache:1"))
      .build(), Definition.testRunner().build());
  private final LogRouter router = new LogRouter(plan);

  @Test
  void sendsEachServiceLineToTheLoggerOfItsAliasWithoutColourOrTimestamp() {
    String db = plan.services().get(0).logColor() + "[service:" + plan.services().get(0).logName() + "] ";
    router.onTrace(db + "2026-11-28T07:01:02.123456789Z LOG:  database system is \u001b[1mready\u001b[0m" + RESET);
    router.onTrace(db + "2026-11-28T07:01:02.223456789Z " + RESET);

    assertThat(events("dev.ciservices.service.router-db")).containsExactly(
        new Event("dev.ciservices.service.router-db", Level.INFO, "[router-db] LOG:  database system is ready"),
        new Event("dev.ciservices.service.router-db", Level.INFO, "[router-db] "));
  }

  @Test
  void aServiceWithoutUserAliasIsNamedAfterItsFirstHostname() {
    assertThat(plan.services().get(1).logName()).isEqualTo("registry.example.com__team__router-cache-registry.example.com-team-router-cache");
    String cache = plan.services().get(1).logColor() + "[service:" + plan.services().get(1).logName() + "] ";
    router.onTrace(cache + "2026-11-28T07:01:02.123Z Ready to accept connections" + RESET);

    String logger = "dev.ciservices.service.registry.example.com__team__router-cache";
    assertThat(events(logger)).containsExactly(
        new Event(logger, Level.INFO, "[registry.example.com__team__router-cache] Ready to accept connections"));
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
