package dev.ciservices;

import dev.ciservices.internal.Checks;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One container of a job, fully resolved: what a backend creates, without deciding anything itself.
 * A service's container ({@link ServicePlan#container()}) and the job's own ({@link
 * JobPlan#jobContainer()}) have the same shape.
 *
 * @param name the container's name
 * @param image the image to pull and run, e.g. {@code tutum/wordpress:latest}
 * @param pullPolicy the pull policies to try in order, with where they come from
 * @param entrypoint the entrypoint override, every word; empty keeps the image's
 * @param command the command override; empty keeps the image's (the job container's is the backend's
 *     keep-alive, since scripts run through exec)
 * @param privileged whether it runs privileged
 * @param user the user to run as; empty keeps the image's
 * @param workingDir the working directory; empty keeps the image's
 * @param environment the environment in order, masked flags kept so that displays can hide values
 * @param labels the labels, in order (a backend may add its own, e.g. the owner JVM's)
 * @param mounts the named volumes to mount
 * @param network how it joins the job's network
 * @param publishedPorts container ports to publish on random host ports for the calling JVM
 * @param settings the runner's container settings for this container (volumes, tmpfs, resources, ...)
 */
public record ContainerPlan(String name, String image, PullPolicyDecision pullPolicy, List<String> entrypoint,
    List<String> command, boolean privileged, String user, String workingDir, List<Variable> environment,
    Map<String, String> labels, List<VolumeMount> mounts, NetworkPlan network, List<Integer> publishedPorts,
    ContainerSettings settings) {

  /** A container with the engine's default settings. */
  public ContainerPlan(String name, String image, PullPolicyDecision pullPolicy, List<String> entrypoint,
      List<String> command, boolean privileged, String user, String workingDir, List<Variable> environment,
      Map<String, String> labels, List<VolumeMount> mounts, NetworkPlan network, List<Integer> publishedPorts) {
    this(name, image, pullPolicy, entrypoint, command, privileged, user, workingDir, environment, labels, mounts,
        network, publishedPorts, ContainerSettings.NONE);
  }

  /** Checks and copies the values. */
  public ContainerPlan {
    Checks.notNull("ContainerPlan.name", name);
    Checks.notNull("ContainerPlan.image", image);
    Checks.notNull("ContainerPlan.pullPolicy", pullPolicy);
    entrypoint = Checks.copyOf("ContainerPlan.entrypoint", entrypoint);
    command = Checks.copyOf("ContainerPlan.command", command);
    Checks.notNull("ContainerPlan.user", user);
    Checks.notNull("ContainerPlan.workingDir", workingDir);
    environment = Checks.copyOf("ContainerPlan.environment", environment);
    labels = Collections.unmodifiableMap(new LinkedHashMap<>(Checks.notNull("ContainerPlan.labels", labels)));
    mounts = Checks.copyOf("ContainerPlan.mounts", mounts);
    Checks.notNull("ContainerPlan.network", network);
    publishedPorts = Checks.copyOf("ContainerPlan.publishedPorts", publishedPorts);
    Checks.notNull("ContainerPlan.settings", settings);
  }

  /** The user to run as, if not the image's. */
  public Optional<String> runAs() {
    return user.isEmpty() ? Optional.empty() : Optional.of(user);
  }

  /** The working directory, if not the image's. */
  public Optional<String> workDir() {
    return workingDir.isEmpty() ? Optional.empty() : Optional.of(workingDir);
  }

  /** The environment as {@code KEY=value} entries, the form a container engine takes. */
  public List<String> environmentEntries() {
    return environment.stream().map(Variable::toEnvEntry).toList();
  }

  /** The runner's log line: {@code Using effective pull policy of [always] for container <image>}. */
  public String effectivePolicyLine() {
    return pullPolicy.effectivePolicyLine(image);
  }
}
