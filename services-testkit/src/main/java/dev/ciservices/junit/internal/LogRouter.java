package dev.ciservices.junit.internal;

import dev.ciservices.JobPlan;
import dev.ciservices.ServiceListener;
import dev.ciservices.ServicePlan;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes a start's trace to SLF4J, without ANSI colours: each service's own lines ({@code
 * CI_DEBUG_SERVICES}) to the logger {@code dev.ciservices.service.<alias>} at INFO, as {@code [alias]
 * <line>} without the engine's timestamp; GitLab's warnings to {@code dev.ciservices.junit} at WARN;
 * every other trace line there at DEBUG. Thread-safe: backends call it from their threads.
 */
final class LogRouter implements ServiceListener {
  /** The prefix of every service's logger name. */
  static final String SERVICE_LOGGERS = "dev.ciservices.service.";

  private static final Pattern ANSI = Pattern.compile("\u001b\\[[0-9;]*m");
  private static final Pattern SERVICE_LINE =
      Pattern.compile("\\[service:([^\\]]+)\\] (?:\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z ?)?(.*)", Pattern.DOTALL);
  private static final Logger TRACE = LoggerFactory.getLogger("dev.ciservices.junit");

  private final Map<String, Target> byLogName = new HashMap<>();

  private record Target(String alias, Logger logger) {}

  LogRouter(JobPlan plan) {
    for (ServicePlan service : plan.services()) {
      String alias = alias(service);
      byLogName.put(service.logName(), new Target(alias, LoggerFactory.getLogger(SERVICE_LOGGERS + alias)));
    }
  }

  @Override
  public void onTrace(String line) {
    String plain = strip(line);
    Matcher m = SERVICE_LINE.matcher(plain);
    if (m.matches()) {
      Target target = byLogName.get(m.group(1));
      if (target != null) {
        target.logger().info("[{}] {}", target.alias(), m.group(2));
        return;
      }
    }
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
