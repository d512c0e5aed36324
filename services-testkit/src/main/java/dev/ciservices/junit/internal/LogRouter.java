package dev.ciservices.junit.internal;

import dev.ciservices.JobEvent;
import dev.ciservices.JobPlan;
import dev.ciservices.ServiceListener;
import dev.ciservices.ServicePlan;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes a start's output to SLF4J, without ANSI colours: each service's own lines (the typed {@link
 * JobEvent.ServiceLogLine} events of {@code CI_DEBUG_SERVICES}) to the logger {@code
 * dev.ciservices.service.<alias>} at INFO, as {@code [alias] <line>} without the engine's timestamp;
 * GitLab's warnings to {@code dev.ciservices.junit} at WARN; every other trace line there at DEBUG
 * (the trace's copies of service lines are left to the events). Thread-safe: backends call it from
 * their threads.
 */
final class LogRouter implements ServiceListener {
  /** The prefix of every service's logger name. */
  static final String SERVICE_LOGGERS = "dev.ciservices.service.";

  private static final Pattern ANSI = Pattern.compile("\u001b\\[[0-9;]*m");
  private static final Pattern TIMESTAMP = Pattern.compile("^\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z ?");
  private static final Logger TRACE = LoggerFactory.getLogger("dev.ciservices.junit");

  private final Map<String, Target> byContainer = new HashMap<>();
  private final List<String> serviceLinePrefixes;

  private record Target(String alias, Logger logger) {}

  LogRouter(JobPlan plan) {
    for (ServicePlan service : plan.services()) {
      String alias = alias(service);
      byContainer.put(service.containerName(), new Target(alias, LoggerFactory.getLogger(SERVICE_LOGGERS + alias)));
    }
    serviceLinePrefixes = plan.services().stream().map(s -> s.logColor() + "[service:" + s.logName() + "] ").toList();
  }

  @Override
  public void onEvent(JobEvent event) {
    if (event instanceof JobEvent.ServiceLogLine line) {
      Target target = byContainer.get(line.service().containerName());
      if (target != null) {
        target.logger().info("[{}] {}", target.alias(), TIMESTAMP.matcher(strip(line.line())).replaceFirst(""));
      }
    }
  }

  @Override
  public void onTrace(String line) {
    if (serviceLinePrefixes.stream().anyMatch(line::startsWith)) {
      return;
    }
    String plain = strip(line);
    if (plain.startsWith("WARNING: ") || plain.strip().startsWith("*** WARNING:")) {
      TRACE.warn(plain.strip());
    } else {
      TRACE.debug(plain);
    }
  }

  /** The text without ANSI colour codes. */
  static String strip(String line) {
    return ANSI.matcher(line).replaceAll("");
  }

  /** The name a service is known by in logs and messages: its first user alias, else its first hostname. */
  static String alias(ServicePlan service) {
    return service.userAliases().stream().filter(service.hostnames()::contains).findFirst()
        .orElse(service.hostnames().isEmpty() ? service.containerName() : service.hostnames().get(0));
  }
}
