package dev.ciservices.spi;

import dev.ciservices.HealthCheckRule;
import dev.ciservices.ImageRef;
import dev.ciservices.RunningService;
import dev.ciservices.ServiceEndpoint;
import dev.ciservices.ServicePlan;
import dev.ciservices.Variable;
import dev.ciservices.details.Unknown;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link ConnectionDetailsFactory} reads: a planned service (image, environment, command) and
 * the side the client is on, the JVM (published ports) or the job (the service's hostname).
 */
public final class DetailsSource {
  private final ServicePlan plan;
  private final @Nullable RunningService running;
  private final Map<String, String> environment = new LinkedHashMap<>();

  private DetailsSource(ServicePlan plan, @Nullable RunningService running) {
    this.plan = plan;
    this.running = running;
    for (Variable v : plan.environment()) {
      environment.put(v.key(), v.value()); // a later entry wins, as in the container
    }
  }

  /** A service seen from its job: clients connect to its hostname and container port. */
  public static DetailsSource forJob(ServicePlan plan) {
    return new DetailsSource(plan, null);
  }

  /** A running service seen from the calling JVM: clients connect to its published ports. */
  public static DetailsSource forJvm(RunningService service) {
    return new DetailsSource(service.plan(), service);
  }

  /** The service's plan. */
  public ServicePlan plan() {
    return plan;
  }

  /** The service's image. */
  public ImageRef image() {
    return plan.image();
  }

  /** Whether the client is the JVM (published ports) rather than the job (hostnames). */
  public boolean jvm() {
    return running != null;
  }

  /** The service as messages name it: {@code service "db" (postgres:15)}. */
  public String service() {
    return "service \"" + name() + "\" (" + plan.name() + ")";
  }

  private String name() {
    for (String alias : plan.userAliases()) {
      if (plan.hostnames().contains(alias)) {
        return alias;
      }
    }
    return plan.hostnames().isEmpty() ? plan.containerName() : plan.hostnames().get(0);
  }

  /** The value of a variable of the container's environment (the last one of that key), if set at all. */
  public Optional<String> variable(String key) {
    return Optional.ofNullable(environment.get(key));
  }

  /** The value of a variable when it is set to a non-empty value, as the official images' entrypoints test. */
  public Optional<String> nonEmpty(String key) {
    return variable(key).filter(v -> !v.isEmpty());
  }

  /** The command words the service runs with ({@code command:}); empty keeps the image's. */
  public List<String> command() {
    return plan.command();
  }

  /**
   * The value of a command-line option, as {@code --port 6380} or {@code --port=6380} (the last one
   * wins, as for most servers).
   */
  public Optional<String> option(String name) {
    List<String> words = plan.command();
    String found = null;
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i);
      if (w.equals(name) && i + 1 < words.size()) {
        found = words.get(i + 1);
      } else if (w.startsWith(name + "=")) {
        found = w.substring(name.length() + 1);
      }
    }
    return Optional.ofNullable(found);
  }

  /**
   * The port the server listens on: {@code configured} when the environment or command sets one, else
   * the image's default; {@code HEALTHCHECK_TCP_PORT} naming another port makes it unknown, since
   * GitLab would then wait for a port the server may not listen on.
   */
  public int serverPort(int imageDefault, Optional<Integer> configured, String configuredBy, List<Unknown> unknowns) {
    int port = configured.orElse(imageDefault);
    Optional<String> health = HealthCheckRule.portVariable(plan.environmentEntries());
    if (health.isPresent()) {
      Integer checked = null;
      try {
        checked = HealthCheckRule.parsePort(health.get());
      } catch (IllegalArgumentException e) {
        // the plan reports the bad value itself
      }
      if (checked != null && checked != port) {
        unknowns.add(new Unknown("the port", HealthCheckRule.VARIABLE,
            HealthCheckRule.VARIABLE + " is " + checked + " but the server listens on " + port + " ("
                + (configured.isPresent() ? configuredBy : "the image's default") + ")",
            "set " + HealthCheckRule.VARIABLE + " to " + port + " or remove it, or make the server listen on "
                + checked + " with " + configuredBy));
      }
    }
    return port;
  }

  /**
   * Where a client reaches a container port: for the job the service's hostname; for the JVM the
   * published port. When there is none, an unknown says so and the result only names the port.
   */
  public ServiceEndpoint endpoint(int containerPort, List<Unknown> unknowns) {
    if (running == null) {
      if (plan.hostnames().isEmpty()) {
        unknowns.add(new Unknown("the host", "alias", service() + " has no hostname: every alias it has is held by"
            + " an earlier service", "give it an alias of its own"));
        return new ServiceEndpoint(plan.containerName(), containerPort);
      }
      return new ServiceEndpoint(name(), containerPort);
    }
    Optional<ServiceEndpoint> published = running.endpoint(containerPort);
    if (published.isPresent()) {
      return published.get();
    }
    unknowns.add(new Unknown("the port", "ports", "container port " + containerPort + " is not published for the JVM"
        + " (published: " + plan.ports() + ")", "add " + containerPort + " to the service's ports"));
    return new ServiceEndpoint("localhost", containerPort);
  }

  /** An unknown for a value the image reads from a file inside the container ({@code *_FILE}). */
  public Unknown inFile(String value, String fileVariable, String variable) {
    return new Unknown(value, fileVariable, fileVariable + " makes the image read it from a file inside the container",
        "set " + variable + " instead of " + fileVariable);
  }
}
