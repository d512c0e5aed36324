package dev.ciservices.kubernetes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The {@code [runners.kubernetes]} keys of the runner's {@code config.toml} that shape a job's pod,
 * with the runner's defaults. The service rules themselves (names, host aliases, pull policies,
 * environment) come from the plan. Immutable; made with {@link #builder()}.
 */
public final class KubernetesConfig {
  /** The runner's helper image at the reference version, as the runner builds it for x86_64. */
  public static final String DEFAULT_HELPER_IMAGE =
      "registry.gitlab.com/gitlab-org/gitlab-runner/gitlab-runner-helper:x86_64-v19.4.0";

  private final @Nullable String namespace;
  private final String helperImage;
  private final Map<String, String> podLabels;
  private final Map<String, String> podAnnotations;
  private final List<String> imagePullSecrets;
  private final boolean useServiceAccountImagePullSecrets;
  private final @Nullable String serviceAccount;
  private final @Nullable Boolean privileged;
  private final @Nullable Boolean allowPrivilegeEscalation;
  private final List<String> capAdd;
  private final List<String> capDrop;
  private final ContainerResources buildResources;
  private final ContainerResources helperResources;
  private final ContainerResources serviceResources;
  private final ContainerSecurity buildSecurity;
  private final ContainerSecurity helperSecurity;
  private final ContainerSecurity serviceSecurity;
  private final @Nullable Long podRunAsUser;
  private final @Nullable Long podRunAsGroup;
  private final @Nullable Long podFsGroup;
  private final List<HostAlias> hostAliases;
  private final Map<String, String> nodeSelector;
  private final @Nullable String dnsPolicy;
  private final Duration pollInterval;
  private final Duration pollTimeout;
  private final @Nullable Long cleanupGracePeriodSeconds;
  private final @Nullable Long podTerminationGracePeriodSeconds;
  private final boolean printPodWarningEvents;

  private KubernetesConfig(Builder b) {
    this.namespace = b.namespace;
    this.helperImage = b.helperImage;
    this.podLabels = Collections.unmodifiableMap(new LinkedHashMap<>(b.podLabels));
    this.podAnnotations = Collections.unmodifiableMap(new LinkedHashMap<>(b.podAnnotations));
    this.imagePullSecrets = List.copyOf(b.imagePullSecrets);
    this.useServiceAccountImagePullSecrets = b.useServiceAccountImagePullSecrets;
    this.serviceAccount = b.serviceAccount;
    this.privileged = b.privileged;
    this.allowPrivilegeEscalation = b.allowPrivilegeEscalation;
    this.capAdd = List.copyOf(b.capAdd);
    this.capDrop = List.copyOf(b.capDrop);
    this.buildResources = b.buildResources;
    this.helperResources = b.helperResources;
    this.serviceResources = b.serviceResources;
    this.buildSecurity = b.buildSecurity;
    this.helperSecurity = b.helperSecurity;
    this.serviceSecurity = b.serviceSecurity;
    this.podRunAsUser = b.podRunAsUser;
    this.podRunAsGroup = b.podRunAsGroup;
    this.podFsGroup = b.podFsGroup;
    this.hostAliases = List.copyOf(b.hostAliases);
    this.nodeSelector = Collections.unmodifiableMap(new LinkedHashMap<>(b.nodeSelector));
    this.dnsPolicy = b.dnsPolicy;
    this.pollInterval = b.pollInterval;
    this.pollTimeout = b.pollTimeout;
    this.cleanupGracePeriodSeconds = b.cleanupGracePeriodSeconds;
    this.podTerminationGracePeriodSeconds = b.podTerminationGracePeriodSeconds;
    this.printPodWarningEvents = b.printPodWarningEvents;
  }

  /** The runner's defaults: no namespace (the context's), the built-in helper image, poll every 3 s for 180 s. */
  public static KubernetesConfig defaults() {
    return builder().build();
  }

  /** A builder with the runner's defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** {@code namespace}; empty: the kubeconfig context's, else {@code default}. */
  public Optional<String> namespace() {
    return Optional.ofNullable(namespace);
  }

  /** {@code helper_image}. */
  public String helperImage() {
    return helperImage;
  }

  /** {@code pod_labels}. */
  public Map<String, String> podLabels() {
    return podLabels;
  }

  /** {@code pod_annotations}. */
  public Map<String, String> podAnnotations() {
    return podAnnotations;
  }

  /** {@code image_pull_secrets}: names of existing secrets, listed before the generated one. */
  public List<String> imagePullSecrets() {
    return imagePullSecrets;
  }

  /** {@code use_service_account_image_pull_secrets}: the pod lists no pull secret at all. */
  public boolean useServiceAccountImagePullSecrets() {
    return useServiceAccountImagePullSecrets;
  }

  /** {@code service_account}. */
  public Optional<String> serviceAccount() {
    return Optional.ofNullable(serviceAccount);
  }

  /** {@code privileged}: every container; {@code null} leaves the field unset. */
  public @Nullable Boolean privileged() {
    return privileged;
  }

  /** {@code allow_privilege_escalation}: every container; {@code null} leaves the field unset. */
  public @Nullable Boolean allowPrivilegeEscalation() {
    return allowPrivilegeEscalation;
  }

  /** {@code cap_add}. */
  public List<String> capAdd() {
    return capAdd;
  }

  /** {@code cap_drop}; {@code NET_RAW} is dropped in any case. */
  public List<String> capDrop() {
    return capDrop;
  }

  /** {@code cpu_*}, {@code memory_*}, {@code ephemeral_storage_*}: the {@code build} container. */
  public ContainerResources buildResources() {
    return buildResources;
  }

  /** {@code helper_*}. */
  public ContainerResources helperResources() {
    return helperResources;
  }

  /** {@code service_*}: every service container. */
  public ContainerResources serviceResources() {
    return serviceResources;
  }

  /** {@code build_container_security_context}. */
  public ContainerSecurity buildSecurity() {
    return buildSecurity;
  }

  /** {@code helper_container_security_context}. */
  public ContainerSecurity helperSecurity() {
    return helperSecurity;
  }

  /** {@code service_container_security_context}. */
  public ContainerSecurity serviceSecurity() {
    return serviceSecurity;
  }

  /** {@code pod_security_context.run_as_user}. */
  public @Nullable Long podRunAsUser() {
    return podRunAsUser;
  }

  /** {@code pod_security_context.run_as_group}. */
  public @Nullable Long podRunAsGroup() {
    return podRunAsGroup;
  }

  /** {@code pod_security_context.fs_group}. */
  public @Nullable Long podFsGroup() {
    return podFsGroup;
  }

  /** {@code host_aliases}: after the services' {@code 127.0.0.1} entry. */
  public List<HostAlias> hostAliases() {
    return hostAliases;
  }

  /** {@code node_selector}. */
  public Map<String, String> nodeSelector() {
    return nodeSelector;
  }

  /** {@code dns_policy}: {@code none}, {@code default}, {@code cluster-first}, {@code cluster-first-with-host-net}. */
  public Optional<String> dnsPolicy() {
    return Optional.ofNullable(dnsPolicy);
  }

  /** {@code poll_interval}. */
  public Duration pollInterval() {
    return pollInterval;
  }

  /** {@code poll_timeout}: how long the pod may take to run. */
  public Duration pollTimeout() {
    return pollTimeout;
  }

  /** {@code cleanup_grace_period_seconds}. */
  public Optional<Long> cleanupGracePeriodSeconds() {
    return Optional.ofNullable(cleanupGracePeriodSeconds);
  }

  /** {@code pod_termination_grace_period_seconds}. */
  public Optional<Long> podTerminationGracePeriodSeconds() {
    return Optional.ofNullable(podTerminationGracePeriodSeconds);
  }

  /** {@code print_pod_warning_events}: pod conditions are printed while waiting. */
  public boolean printPodWarningEvents() {
    return printPodWarningEvents;
  }

  /** Builds a {@link KubernetesConfig}; a bad value fails naming the key. */
  public static final class Builder {
    private @Nullable String namespace;
    private String helperImage = DEFAULT_HELPER_IMAGE;
    private final Map<String, String> podLabels = new LinkedHashMap<>();
    private final Map<String, String> podAnnotations = new LinkedHashMap<>();
    private final List<String> imagePullSecrets = new ArrayList<>();
    private boolean useServiceAccountImagePullSecrets;
    private @Nullable String serviceAccount;
    private @Nullable Boolean privileged;
    private @Nullable Boolean allowPrivilegeEscalation;
    private final List<String> capAdd = new ArrayList<>();
    private final List<String> capDrop = new ArrayList<>();
    private ContainerResources buildResources = ContainerResources.none();
    private ContainerResources helperResources = ContainerResources.none();
    private ContainerResources serviceResources = ContainerResources.none();
    private ContainerSecurity buildSecurity = ContainerSecurity.none();
    private ContainerSecurity helperSecurity = ContainerSecurity.none();
    private ContainerSecurity serviceSecurity = ContainerSecurity.none();
    private @Nullable Long podRunAsUser;
    private @Nullable Long podRunAsGroup;
    private @Nullable Long podFsGroup;
    private final List<HostAlias> hostAliases = new ArrayList<>();
    private final Map<String, String> nodeSelector = new LinkedHashMap<>();
    private @Nullable String dnsPolicy;
    private Duration pollInterval = Duration.ofSeconds(3);
    private Duration pollTimeout = Duration.ofSeconds(180);
    private @Nullable Long cleanupGracePeriodSeconds;
    private @Nullable Long podTerminationGracePeriodSeconds;
    private boolean printPodWarningEvents = true;

    private Builder() {}

    /** {@code namespace}. */
    public Builder namespace(String namespace) {
      this.namespace = namespace.isEmpty() ? null : namespace;
      return this;
    }

    /** {@code helper_image}. */
    public Builder helperImage(String image) {
      if (image.isBlank()) {
        throw new IllegalArgumentException("helper_image is empty; leave it out for " + DEFAULT_HELPER_IMAGE);
      }
      this.helperImage = image;
      return this;
    }

    /** Adds to {@code pod_labels}. */
    public Builder podLabel(String key, String value) {
      podLabels.put(key, value);
      return this;
    }

    /** Adds to {@code pod_annotations}. */
    public Builder podAnnotation(String key, String value) {
      podAnnotations.put(key, value);
      return this;
    }

    /** {@code image_pull_secrets}. */
    public Builder imagePullSecrets(String... names) {
      imagePullSecrets.addAll(List.of(names));
      return this;
    }

    /** {@code use_service_account_image_pull_secrets}. */
    public Builder useServiceAccountImagePullSecrets(boolean use) {
      this.useServiceAccountImagePullSecrets = use;
      return this;
    }

    /** {@code service_account}. */
    public Builder serviceAccount(String name) {
      this.serviceAccount = name;
      return this;
    }

    /** {@code privileged}. */
    public Builder privileged(boolean privileged) {
      this.privileged = privileged;
      return this;
    }

    /** {@code allow_privilege_escalation}. */
    public Builder allowPrivilegeEscalation(boolean allow) {
      this.allowPrivilegeEscalation = allow;
      return this;
    }

    /** {@code cap_add}. */
    public Builder capAdd(String... capabilities) {
      capAdd.addAll(List.of(capabilities));
      return this;
    }

    /** {@code cap_drop}. */
    public Builder capDrop(String... capabilities) {
      capDrop.addAll(List.of(capabilities));
      return this;
    }

    /** {@code cpu_*}, {@code memory_*}, {@code ephemeral_storage_*}. */
    public Builder buildResources(ContainerResources resources) {
      this.buildResources = resources;
      return this;
    }

    /** {@code helper_*}. */
    public Builder helperResources(ContainerResources resources) {
      this.helperResources = resources;
      return this;
    }

    /** {@code service_*}. */
    public Builder serviceResources(ContainerResources resources) {
      this.serviceResources = resources;
      return this;
    }

    /** {@code build_container_security_context}. */
    public Builder buildSecurity(ContainerSecurity security) {
      this.buildSecurity = security;
      return this;
    }

    /** {@code helper_container_security_context}. */
    public Builder helperSecurity(ContainerSecurity security) {
      this.helperSecurity = security;
      return this;
    }

    /** {@code service_container_security_context}. */
    public Builder serviceSecurity(ContainerSecurity security) {
      this.serviceSecurity = security;
      return this;
    }

    /** {@code pod_security_context}: {@code run_as_user}, {@code run_as_group}, {@code fs_group}; {@code null} leaves one unset. */
    public Builder podSecurity(@Nullable Long runAsUser, @Nullable Long runAsGroup, @Nullable Long fsGroup) {
      this.podRunAsUser = runAsUser;
      this.podRunAsGroup = runAsGroup;
      this.podFsGroup = fsGroup;
      return this;
    }

    /** Adds a {@code host_aliases} entry. */
    public Builder hostAlias(String ip, String... hostnames) {
      hostAliases.add(new HostAlias(ip, List.of(hostnames)));
      return this;
    }

    /** Adds to {@code node_selector}. */
    public Builder nodeSelector(String key, String value) {
      nodeSelector.put(key, value);
      return this;
    }

    /** {@code dns_policy}. */
    public Builder dnsPolicy(String policy) {
      this.dnsPolicy = policy;
      return this;
    }

    /** {@code poll_interval}; zero or less means the default, 3 s. */
    public Builder pollInterval(Duration interval) {
      this.pollInterval = interval.isNegative() || interval.isZero() ? Duration.ofSeconds(3) : interval;
      return this;
    }

    /** {@code poll_timeout}; zero or less means the default, 180 s. */
    public Builder pollTimeout(Duration timeout) {
      this.pollTimeout = timeout.isNegative() || timeout.isZero() ? Duration.ofSeconds(180) : timeout;
      return this;
    }

    /** {@code cleanup_grace_period_seconds}. */
    public Builder cleanupGracePeriodSeconds(long seconds) {
      this.cleanupGracePeriodSeconds = seconds;
      return this;
    }

    /** {@code pod_termination_grace_period_seconds}. */
    public Builder podTerminationGracePeriodSeconds(long seconds) {
      this.podTerminationGracePeriodSeconds = seconds;
      return this;
    }

    /** {@code print_pod_warning_events}. */
    public Builder printPodWarningEvents(boolean print) {
      this.printPodWarningEvents = print;
      return this;
    }

    /** The configuration. */
    public KubernetesConfig build() {
      return new KubernetesConfig(this);
    }
  }
}
