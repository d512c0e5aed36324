package dev.ciservices;

import dev.ciservices.internal.Masker;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One service container as GitLab would create it: the resolved result of a {@link ServiceSpec}
 * under a job and a runner configuration. Produced by {@link JobPlanner}; immutable.
 */
public final class ServicePlan {
  private final int index;
  private final ServiceOrigin origin;
  private final String name;
  private final ImageRef image;
  private final List<String> userAliases;
  private final List<String> hostnames;
  private final String kubernetesName;
  private final Optional<String> kubernetesHostAliasProblem;
  private final List<String> kubernetesHostAliases;
  private final Optional<String> kubernetesHealthCheckPort;
  private final HealthCheckRule healthCheck;
  private final String logColor;
  private final List<WaitCondition> waitConditions;
  private final ServiceSpec spec;
  private final ContainerPlan container;
  private final Masker masker;

  ServicePlan(ServiceSpec spec, int index, ServiceOrigin origin, String name, ImageRef image, List<String> userAliases,
      List<String> hostnames, String kubernetesName, Optional<String> kubernetesHostAliasProblem,
      List<String> kubernetesHostAliases, Optional<String> kubernetesHealthCheckPort, HealthCheckRule healthCheck,
      String logColor, List<WaitCondition> waitConditions, ContainerPlan container, Masker masker) {
    this.index = index;
    this.origin = origin;
    this.name = name;
    this.image = image;
    this.userAliases = List.copyOf(userAliases);
    this.hostnames = List.copyOf(hostnames);
    this.kubernetesName = kubernetesName;
    this.kubernetesHostAliasProblem = kubernetesHostAliasProblem;
    this.kubernetesHostAliases = List.copyOf(kubernetesHostAliases);
    this.kubernetesHealthCheckPort = kubernetesHealthCheckPort;
    this.healthCheck = healthCheck;
    this.logColor = logColor;
    this.waitConditions = List.copyOf(waitConditions);
    this.spec = spec;
    this.container = container;
    this.masker = masker;
  }

  /** The container to create for this service, fully resolved: what a backend reads. */
  public ContainerPlan container() {
    return container;
  }

  /** Where the service was declared: the runner's configuration or the job, with its index there. */
  public ServiceOrigin origin() {
    return origin;
  }

  /** The declaration this plan was resolved from (unexpanded), as given in the job or the runner config. */
  public ServiceSpec spec() {
    return spec;
  }

  /** Container ports to publish on random host ports for the calling JVM. */
  public List<Integer> ports() {
    return container.publishedPorts();
  }

  /** Extra readiness conditions, checked after the TCP health check. */
  public List<WaitCondition> waitConditions() {
    return waitConditions;
  }

  /** The position among all services, {@code config.toml} services first, skipped ones counted. */
  public int index() {
    return index;
  }

  /** The spec's path for display: {@code services[i]} for job services, {@code config.services[i]} for the runner's. */
  public String field() {
    return origin.field();
  }

  /** The expanded name as written, e.g. {@code postgres:16.10}. */
  public String name() {
    return name;
  }

  /** The parsed image. */
  public ImageRef image() {
    return image;
  }

  /** The name to pull, e.g. {@code tutum/wordpress:latest}. */
  public String pullImage() {
    return container.image();
  }

  /** The pull policies: requested, allowed, effective (tried in order). */
  public PullPolicyDecision pullPolicy() {
    return container.pullPolicy();
  }

  /** The expanded user aliases, as written (duplicates kept). */
  public List<String> userAliases() {
    return userAliases;
  }

  /**
   * The hostnames this container answers to, in order: default aliases, then user aliases, without
   * those an earlier service (or this one) already holds. May be empty when every alias was taken.
   */
  public List<String> hostnames() {
    return hostnames;
  }

  /** The container name the Kubernetes executor would give it: first free valid user alias, or {@code svc-<i>}. */
  public String kubernetesName() {
    return kubernetesName;
  }

  /** The Kubernetes executor's error for a user alias that is not valid DNS, if one is not. */
  public Optional<String> kubernetesHostAliasProblem() {
    return kubernetesHostAliasProblem;
  }

  /**
   * The hostnames the Kubernetes executor gives this service as host aliases: its default aliases
   * that are valid DNS-1123 subdomains, then its user aliases; empty when a user alias is invalid
   * ({@link #kubernetesHostAliasProblem()} says why).
   */
  public List<String> kubernetesHostAliases() {
    return kubernetesHostAliases;
  }

  /**
   * The Kubernetes executor's health-check port of this service: the raw value of {@code
   * HEALTHCHECK_TCP_PORT} among the service's own variables (exact key, last one wins); empty means
   * the executor checks nothing. Unlike the Docker executor, it ignores the job's variables and the
   * image's exposed ports.
   */
  public Optional<String> kubernetesHealthCheckPort() {
    return kubernetesHealthCheckPort;
  }

  /**
   * The container's environment in order: job variables that are public or internal (expanded once),
   * then this service's own variables (expanded once, raw ones not). Masked flags are kept so that
   * displays can hide values.
   */
  public List<Variable> environment() {
    return container.environment();
  }

  /** The environment as {@code KEY=value} entries, the form a container engine takes. */
  public List<String> environmentEntries() {
    return container.environmentEntries();
  }

  /** The entrypoint override; empty keeps the image's. */
  public List<String> entrypoint() {
    return container.entrypoint();
  }

  /** The command override; empty keeps the image's. */
  public List<String> command() {
    return container.command();
  }

  /** Whether the container runs privileged. */
  public boolean privileged() {
    return container.privileged();
  }

  /** The Docker container name: {@code runner-<token>-project-<id>-concurrent-0-<job>-<service>-<index>}. */
  public String containerName() {
    return container.name();
  }

  /** The labels put on the container, in order: the job's, then the service's. */
  public Map<String, String> labels() {
    return container.labels();
  }

  /** Which ports the health check dials: the one source of the rule for every backend. */
  public HealthCheckRule healthCheck() {
    return healthCheck;
  }

  /** The trace line GitLab prints when it starts the container: {@code Starting service postgres:16.10...}. */
  public String startingLine() {
    return "Starting service " + image.serviceWithVersion() + "...";
  }

  /**
   * The name in this service's log lines, {@code [service:<name>]}: its hostnames joined by {@code -}
   * in order (GitLab's order is random), or the container name when it has none.
   */
  public String logName() {
    return hostnames.isEmpty() ? container.name() : String.join("-", hostnames);
  }

  /** The ANSI colour of this service's log lines; each service of a job has its own, as documented. */
  public String logColor() {
    return logColor;
  }

  @Override
  public String toString() {
    return masker.mask("ServicePlan{" + field() + " " + name + ", hostnames=" + hostnames + ", pull="
        + pullPolicy().effective() + ", env=" + environment().stream().map(Variable::toString)
        .collect(Collectors.joining(", ", "[", "]")) + "}");
  }
}
