package dev.ciservices;

import java.util.Collections;
import java.util.LinkedHashMap;
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
  private final String field;
  private final String name;
  private final ImageRef image;
  private final PullPolicyDecision pullPolicy;
  private final List<String> userAliases;
  private final List<String> hostnames;
  private final String kubernetesName;
  private final Optional<String> kubernetesHostAliasProblem;
  private final List<Variable> environment;
  private final List<String> entrypoint;
  private final List<String> command;
  private final boolean privileged;
  private final String containerName;
  private final Map<String, String> labels;
  private final HealthCheckRule healthCheck;
  private final String logColor;
  private final List<Integer> ports;
  private final List<WaitCondition> waitConditions;
  private final ServiceSpec spec;

  ServicePlan(ServiceSpec spec, int index, String field, String name, ImageRef image, PullPolicyDecision pullPolicy,
      List<String> userAliases, List<String> hostnames, String kubernetesName,
      Optional<String> kubernetesHostAliasProblem, List<Variable> environment, List<String> entrypoint,
      List<String> command, boolean privileged, String containerName, Map<String, String> labels,
      HealthCheckRule healthCheck, String logColor, List<Integer> ports, List<WaitCondition> waitConditions) {
    this.index = index;
    this.field = field;
    this.name = name;
    this.image = image;
    this.pullPolicy = pullPolicy;
    this.userAliases = List.copyOf(userAliases);
    this.hostnames = List.copyOf(hostnames);
    this.kubernetesName = kubernetesName;
    this.kubernetesHostAliasProblem = kubernetesHostAliasProblem;
    this.environment = List.copyOf(environment);
    this.entrypoint = List.copyOf(entrypoint);
    this.command = List.copyOf(command);
    this.privileged = privileged;
    this.containerName = containerName;
    this.labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    this.healthCheck = healthCheck;
    this.logColor = logColor;
    this.ports = List.copyOf(ports);
    this.waitConditions = List.copyOf(waitConditions);
    this.spec = spec;
  }

  /** The declaration this plan was resolved from (unexpanded), as given in the job or the runner config. */
  public ServiceSpec spec() {
    return spec;
  }

  /** Container ports to publish on random host ports for the calling JVM. */
  public List<Integer> ports() {
    return ports;
  }

  /** Extra readiness conditions, checked after the TCP health check. */
  public List<WaitCondition> waitConditions() {
    return waitConditions;
  }

  /** The position among all services, {@code config.toml} services first, skipped ones counted. */
  public int index() {
    return index;
  }

  /** The spec's path: {@code services[i]} for job services, {@code config.services[i]} for the runner's. */
  public String field() {
    return field;
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
    return image.pullName();
  }

  /** The pull policies: requested, allowed, effective (tried in order). */
  public PullPolicyDecision pullPolicy() {
    return pullPolicy;
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
   * The container's environment in order: job variables that are public or internal (expanded once),
   * then this service's own variables (expanded once, raw ones not). Masked flags are kept so that
   * displays can hide values.
   */
  public List<Variable> environment() {
    return environment;
  }

  /** The environment as {@code KEY=value} entries, the form a container engine takes. */
  public List<String> environmentEntries() {
    return environment.stream().map(Variable::toEnvEntry).toList();
  }

  /** The entrypoint override; empty keeps the image's. */
  public List<String> entrypoint() {
    return entrypoint;
  }

  /** The command override; empty keeps the image's. */
  public List<String> command() {
    return command;
  }

  /** Whether the container runs privileged. */
  public boolean privileged() {
    return privileged;
  }

  /** The Docker container name: {@code runner-<token>-project-<id>-concurrent-0-<job>-<service>-<index>}. */
  public String containerName() {
    return containerName;
  }

  /** The labels put on the container, in order. */
  public Map<String, String> labels() {
    return labels;
  }

  /** Which ports the health check dials. */
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
    return hostnames.isEmpty() ? containerName : String.join("-", hostnames);
  }

  /** The ANSI colour of this service's log lines; each service of a job has its own, as documented. */
  public String logColor() {
    return logColor;
  }

  @Override
  public String toString() {
    return "ServicePlan{" + field + " " + name + ", hostnames=" + hostnames + ", pull=" + pullPolicy.effective()
        + ", env=" + environment.stream().map(Variable::toString).collect(Collectors.joining(", ", "[", "]")) + "}";
  }
}
