package dev.ciservices.kubernetes.internal;

import dev.ciservices.ContainerPlan;
import dev.ciservices.JobPlan;
import dev.ciservices.PullPolicy;
import dev.ciservices.PullPolicyDecision;
import dev.ciservices.ServicePlan;
import dev.ciservices.Variable;
import dev.ciservices.internal.GoDuration;
import dev.ciservices.internal.Masker;
import dev.ciservices.kubernetes.ContainerResources;
import dev.ciservices.kubernetes.ContainerSecurity;
import dev.ciservices.kubernetes.HostAlias;
import dev.ciservices.kubernetes.KubernetesConfig;
import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HostAliasBuilder;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The job pod as the runner's Kubernetes executor builds it (legacy exec strategy, no dumb-init):
 * {@code build}, {@code helper}, then the services sorted by container name; one {@code repo}
 * emptyDir at {@code /builds} in every container; the services' host aliases for 127.0.0.1 before
 * the configured ones; the runner's labels and annotations. Pure: no API call.
 */
public final class JobPod {
  /** The shell the runner starts in {@code build} and {@code helper}: the first shell found, waiting on stdin. */
  static final String DETECT_SHELL = "if [ -x /usr/local/bin/bash ]; then\n\texec /usr/local/bin/bash \n"
      + "elif [ -x /usr/bin/bash ]; then\n\texec /usr/bin/bash \nelif [ -x /bin/bash ]; then\n\texec /bin/bash \n"
      + "elif [ -x /usr/local/bin/sh ]; then\n\texec /usr/local/bin/sh \nelif [ -x /usr/bin/sh ]; then\n"
      + "\texec /usr/bin/sh \nelif [ -x /bin/sh ]; then\n\texec /bin/sh \nelif [ -x /busybox/sh ]; then\n"
      + "\texec /busybox/sh \nelse\n\techo shell not found\n\texit 1\nfi\n\n";
  static final String BUILD = "build";
  static final String HELPER = "helper";
  static final String REPO_VOLUME = "repo";

  private final JobPlan plan;
  private final KubernetesConfig config;
  private final java.util.function.Supplier<Masker> masker;

  JobPod(JobPlan plan, KubernetesConfig config) {
    this(plan, config, () -> Masker.of(plan));
  }

  /**
   * @param masker the run's masker when the pod is built (the plan's values and the registry secrets
   *     found by then): label values and keys, annotations are masked with it
   */
  JobPod(JobPlan plan, KubernetesConfig config, java.util.function.Supplier<Masker> masker) {
    this.plan = plan;
    this.config = config;
    this.masker = masker;
  }

  /** The services in pod order: sorted by Kubernetes container name, so {@code svc-10} before {@code svc-2}. */
  static List<ServicePlan> podOrder(JobPlan plan) {
    List<ServicePlan> sorted = new ArrayList<>(plan.services());
    sorted.sort(Comparator.comparing(ServicePlan::kubernetesName));
    return sorted;
  }

  /** The image of {@code build}: the job image, or for services alone the helper image. */
  String buildImage() {
    return plan.jobContainer().map(ContainerPlan::image).orElse(config.helperImage());
  }

  /**
   * The pod.
   *
   * @param name the pod's name
   * @param namespace its namespace
   * @param generatedSecret the pull secret made for this pod, if any
   * @param ownerLabels labels that tell this JVM's pods from others'
   */
  public Pod build(String name, String namespace, @Nullable String generatedSecret, Map<String, String> ownerLabels) {
    List<Container> containers = new ArrayList<>();
    PullPolicyDecision jobPull = plan.jobPullPolicy();
    containers.add(shellContainer(BUILD, buildImage(), jobPull, jobEnvironment(), config.buildResources(),
        security(config.buildSecurity())));
    containers.add(shellContainer(HELPER, config.helperImage(), jobPull, List.of(), config.helperResources(),
        security(config.helperSecurity())));
    for (ServicePlan service : podOrder(plan)) {
      containers.add(serviceContainer(service));
    }
    PodBuilder pod = new PodBuilder()
        .withNewMetadata().withName(name).withNamespace(namespace).withLabels(labels(name, ownerLabels))
        .withAnnotations(annotations()).endMetadata()
        .withNewSpec()
        .withRestartPolicy("Never")
        .withContainers(containers)
        .withVolumes(new VolumeBuilder().withName(REPO_VOLUME).withNewEmptyDir().endEmptyDir().build())
        .withActiveDeadlineSeconds(plan.timeout().toSeconds() + 1)
        .withNewAffinity().endAffinity()
        .withNewResources().endResources()
        .endSpec();
    config.serviceAccount().ifPresent(a -> pod.editSpec().withServiceAccountName(a).endSpec());
    if (!config.nodeSelector().isEmpty()) {
      pod.editSpec().withNodeSelector(config.nodeSelector()).endSpec();
    }
    dnsPolicy().ifPresent(p -> pod.editSpec().withDnsPolicy(p).endSpec());
    List<LocalObjectReference> pullSecrets = pullSecrets(generatedSecret);
    if (!pullSecrets.isEmpty()) {
      pod.editSpec().withImagePullSecrets(pullSecrets).endSpec();
    }
    List<io.fabric8.kubernetes.api.model.HostAlias> aliases = hostAliases();
    if (!aliases.isEmpty()) {
      pod.editSpec().withHostAliases(aliases).endSpec();
    }
    podSecurity().ifPresent(s -> pod.editSpec().withSecurityContext(s).endSpec());
    config.podTerminationGracePeriodSeconds().ifPresent(s -> pod.editSpec().withTerminationGracePeriodSeconds(s).endSpec());
    return pod.build();
  }

  /**
   * The runner's label set, then {@code pod_labels} (reserved keys dropped), then ours; every key
   * and value masked ({@code masked}) before it is sanitised, so that no cut leaves part of a secret.
   */
  Map<String, String> labels(String podName, Map<String, String> ownerLabels) {
    Map<String, String> raw = rawLabels(podName, ownerLabels);
    Masker m = masker.get();
    Map<String, String> labels = new LinkedHashMap<>();
    raw.forEach((k, v) -> PodLabels.put(labels, m.maskInName(k), m.maskInName(v)));
    return labels;
  }

  private Map<String, String> rawLabels(String podName, Map<String, String> ownerLabels) {
    Map<String, String> labels = new LinkedHashMap<>();
    String unique = plan.projectUniqueName();
    labels.put("pod", unique);
    labels.put("job.runner.gitlab.com/pod", unique);
    PlanValues.variable(plan, "CI_PROJECT_ID").ifPresent(v -> labels.put("project.runner.gitlab.com/id", v));
    PlanValues.variable(plan, "CI_PROJECT_NAME").ifPresent(v -> labels.put("project.runner.gitlab.com/name", v));
    PlanValues.variable(plan, "CI_PROJECT_NAMESPACE")
        .ifPresent(v -> labels.put("project.runner.gitlab.com/namespace", v));
    labels.put("manager.runner.gitlab.com/id-short", plan.runnerShortToken());
    config.podLabels().forEach((k, v) -> {
      if (!PodLabels.reserved(k)) {
        labels.put(k, v);
      }
    });
    plan.labels().forEach((k, v) -> labels.put(k, v));
    ownerLabels.forEach((k, v) -> labels.put(k, v));
    return labels;
  }

  /** The runner's annotations for what the plan knows, then {@code pod_annotations}, which may replace them. */
  Map<String, String> annotations() {
    Map<String, String> annotations = new LinkedHashMap<>();
    PlanValues.variable(plan, "CI_JOB_ID").ifPresent(v -> annotations.put("job.runner.gitlab.com/id", v));
    PlanValues.variable(plan, "CI_JOB_URL").ifPresent(v -> annotations.put("job.runner.gitlab.com/url", v));
    PlanValues.variable(plan, "CI_COMMIT_SHA").ifPresent(v -> annotations.put("job.runner.gitlab.com/sha", v));
    PlanValues.variable(plan, "CI_COMMIT_BEFORE_SHA")
        .ifPresent(v -> annotations.put("job.runner.gitlab.com/before_sha", v));
    PlanValues.variable(plan, "CI_COMMIT_REF_NAME").ifPresent(v -> annotations.put("job.runner.gitlab.com/ref", v));
    PlanValues.variable(plan, "CI_JOB_NAME").ifPresent(v -> annotations.put("job.runner.gitlab.com/name", v));
    annotations.put("job.runner.gitlab.com/timeout", GoDuration.format(plan.timeout()));
    PlanValues.variable(plan, "CI_PROJECT_ID").ifPresent(v -> annotations.put("project.runner.gitlab.com/id", v));
    annotations.putAll(config.podAnnotations());
    Masker m = masker.get();
    Map<String, String> masked = new LinkedHashMap<>();
    annotations.forEach((k, v) -> masked.put(m.maskInName(k), m.mask(v)));
    return masked;
  }

  /** {@code [{127.0.0.1, <every service's host aliases, pod order>}]}, then the configured entries. */
  List<io.fabric8.kubernetes.api.model.HostAlias> hostAliases() {
    List<String> hostnames = new ArrayList<>();
    for (ServicePlan service : podOrder(plan)) {
      hostnames.addAll(service.kubernetesHostAliases());
    }
    List<io.fabric8.kubernetes.api.model.HostAlias> aliases = new ArrayList<>();
    if (!hostnames.isEmpty()) {
      aliases.add(new HostAliasBuilder().withIp("127.0.0.1").withHostnames(hostnames).build());
    }
    for (HostAlias alias : config.hostAliases()) {
      aliases.add(new HostAliasBuilder().withIp(alias.ip()).withHostnames(alias.hostnames()).build());
    }
    return aliases;
  }

  private List<LocalObjectReference> pullSecrets(@Nullable String generated) {
    if (config.useServiceAccountImagePullSecrets()) {
      return List.of();
    }
    List<LocalObjectReference> refs = new ArrayList<>();
    config.imagePullSecrets().forEach(s -> refs.add(new LocalObjectReference(s)));
    if (generated != null) {
      refs.add(new LocalObjectReference(generated));
    }
    return refs;
  }

  private Optional<String> dnsPolicy() {
    String policy = config.dnsPolicy().orElse("");
    return switch (policy) {
      case "" -> Optional.of("ClusterFirst");
      case "none" -> Optional.of("None");
      case "default" -> Optional.of("Default");
      case "cluster-first" -> Optional.of("ClusterFirst");
      case "cluster-first-with-host-net" -> Optional.of("ClusterFirstWithHostNet");
      default -> Optional.empty();
    };
  }

  /** The runner's warning for an unsupported {@code dns_policy}, if it is one. */
  Optional<String> dnsPolicyWarning() {
    String policy = config.dnsPolicy().orElse("");
    return dnsPolicy().isPresent() ? Optional.empty()
        : Optional.of("falling back to cluster's default policy: unsupported kubernetes-dns-policy: \"" + policy + "\"");
  }

  private Optional<PodSecurityContext> podSecurity() {
    if (config.podRunAsUser() == null && config.podRunAsGroup() == null && config.podFsGroup() == null) {
      return Optional.empty();
    }
    return Optional.of(new PodSecurityContextBuilder().withRunAsUser(config.podRunAsUser())
        .withRunAsGroup(config.podRunAsGroup()).withFsGroup(config.podFsGroup()).build());
  }

  private Container shellContainer(String name, String image, PullPolicyDecision pull, List<EnvVar> env,
      ContainerResources resources, SecurityContext security) {
    ContainerBuilder c = base(name, image, pull, env, resources, security)
        .withCommand("sh", "-c", DETECT_SHELL);
    return c.build();
  }

  private Container serviceContainer(ServicePlan service) {
    ContainerBuilder c = base(service.kubernetesName(), service.name(), service.pullPolicy(),
        environment(service.environment()), config.serviceResources(), security(config.serviceSecurity()));
    if (!service.entrypoint().isEmpty()) {
      c.withCommand(service.entrypoint());
    }
    if (!service.command().isEmpty()) {
      c.withArgs(service.command());
    }
    for (int port : service.ports()) {
      c.addToPorts(new ContainerPortBuilder().withContainerPort(port).build());
    }
    return c.build();
  }

  private ContainerBuilder base(String name, String image, PullPolicyDecision pull, List<EnvVar> env,
      ContainerResources resources, SecurityContext security) {
    ContainerBuilder c = new ContainerBuilder().withName(name).withImage(image)
        .withStdin(true).withTty(false)
        .withEnv(env)
        .withResources(resources(resources))
        .withSecurityContext(security)
        .withVolumeMounts(new VolumeMountBuilder().withName(REPO_VOLUME).withMountPath(JobPlan.BUILDS_DIR).build());
    imagePullPolicy(pull).ifPresent(c::withImagePullPolicy);
    return c;
  }

  /**
   * The first effective policy as Kubernetes names it; none when the runner has no pull policy, where
   * the cluster's default applies ({@code ""} in the runner).
   */
  static Optional<String> imagePullPolicy(PullPolicyDecision pull) {
    if (pull.source() == PullPolicyDecision.Source.RUNNER_DEFAULT || pull.effective().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(switch (pull.effective().get(0)) {
      case ALWAYS -> "Always";
      case IF_NOT_PRESENT -> "IfNotPresent";
      case NEVER -> "Never";
    });
  }

  /** The runner's {@code Using effective pull policy of [...] for container <name>}; {@code []} for the cluster default. */
  static String pullPolicyLine(PullPolicyDecision pull, String container) {
    List<PullPolicy> shown = pull.source() == PullPolicyDecision.Source.RUNNER_DEFAULT ? List.of() : pull.effective();
    return "Using effective pull policy of " + PullPolicy.format(shown) + " for container " + container;
  }

  private List<EnvVar> jobEnvironment() {
    return environment(plan.jobVariables().stream().filter(Variable::reachesServices).toList());
  }

  /**
   * The runner's {@code buildVariables}: each name once, at its first position with its last value,
   * every {@code $} doubled so that Kubernetes does not expand {@code $(VAR)}.
   */
  static List<EnvVar> environment(List<Variable> variables) {
    Map<String, String> values = new LinkedHashMap<>();
    for (Variable v : variables) {
      values.put(v.key(), v.value());
    }
    List<EnvVar> env = new ArrayList<>();
    values.forEach((k, v) -> env.add(new EnvVar(k, v.replace("$", "$$"), null)));
    return env;
  }

  private static ResourceRequirements resources(ContainerResources r) {
    ResourceRequirementsBuilder b = new ResourceRequirementsBuilder();
    r.requests().forEach((k, v) -> b.addToRequests(k, new Quantity(v)));
    r.limits().forEach((k, v) -> b.addToLimits(k, new Quantity(v)));
    return b.build();
  }

  /**
   * A container's security context: its own table's {@code privileged} and {@code
   * allow_privilege_escalation}, else the runner-wide ones; capabilities from the implicit {@code
   * NET_RAW} drop, {@code cap_add} and {@code cap_drop} (a non-empty list of the table replaces the
   * runner's of its kind; drop wins over add); its user and group, else none.
   */
  SecurityContext security(ContainerSecurity own) {
    List<String> add = own.capAdd().isEmpty() ? config.capAdd() : own.capAdd();
    Set<String> drop = new LinkedHashSet<>();
    if (own.capDrop().isEmpty()) {
      if (!add.contains("NET_RAW")) {
        drop.add("NET_RAW");
      }
      drop.addAll(config.capDrop());
    } else {
      drop.addAll(own.capDrop());
    }
    List<String> added = add.stream().filter(c -> !drop.contains(c)).distinct().toList();
    Capabilities caps = new Capabilities(added.isEmpty() ? null : added, List.copyOf(drop));
    return new SecurityContextBuilder()
        .withPrivileged(own.privileged() != null ? own.privileged() : config.privileged())
        .withAllowPrivilegeEscalation(own.allowPrivilegeEscalation() != null ? own.allowPrivilegeEscalation()
            : config.allowPrivilegeEscalation())
        .withRunAsUser(own.runAsUser()).withRunAsGroup(own.runAsGroup())
        .withCapabilities(caps).build();
  }
}
