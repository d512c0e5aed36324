package dev.ciservices;

import dev.ciservices.internal.AliasPolicy;
import dev.ciservices.internal.Checks;
import dev.ciservices.internal.Glob;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What a runner's {@code config.toml} holds that shapes a job's services: default services, the
 * health-check timeout, pull policies and their allowed list, allowed services, the services limit,
 * privilege, DNS, extra hosts and the network mode.
 *
 * <p>{@link #defaults()} is a default Docker runner, except that jobs get their own network (GitLab's
 * default is the legacy bridge unless {@code FF_NETWORK_PER_BUILD} is on). Immutable.
 */
public final class RunnerConfig {
  /** GitLab's default {@code wait_for_services_timeout}, in seconds. */
  public static final int DEFAULT_WAIT_FOR_SERVICES_TIMEOUT = 30;
  /** The {@code wait_for_services_timeout} that skips the health check, as GitLab reads any negative value. */
  public static final int SKIP_HEALTH_CHECK = -1;

  private static final Pattern IPV4 =
      Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
  private static final RunnerConfig DEFAULTS = new Builder().build();

  private final List<ServiceSpec> services;
  private final int waitForServicesTimeout;
  private final List<PullPolicy> pullPolicies;
  private final List<PullPolicy> allowedPullPolicies;
  private final List<String> allowedServices;
  private final List<String> allowedImages;
  private final @Nullable Integer servicesLimit;
  private final boolean privileged;
  private final @Nullable Boolean servicesPrivileged;
  private final List<String> allowedPrivilegedServices;
  private final List<String> dns;
  private final List<String> dnsSearch;
  private final List<String> extraHosts;
  private final NetworkMode networkMode;
  private final @Nullable String helperImage;
  private final String podOwnerImage;
  private final boolean disableEntrypointOverwrite;
  private final boolean debugTraceDisabled;
  private final String runnerToken;
  private final DockerSettings docker;
  private final @Nullable String defaultImage;
  private final List<Variable> environment;
  private final java.nio.file.@Nullable Path dockerConfig;
  private final List<java.nio.file.Path> credentialHelperPath;

  private RunnerConfig(Builder b) {
    services = List.copyOf(b.services);
    waitForServicesTimeout = b.waitForServicesTimeout;
    pullPolicies = List.copyOf(b.pullPolicies);
    allowedPullPolicies = List.copyOf(b.allowedPullPolicies);
    allowedServices = List.copyOf(b.allowedServices);
    allowedImages = List.copyOf(b.allowedImages);
    servicesLimit = b.servicesLimit;
    privileged = b.privileged;
    servicesPrivileged = b.servicesPrivileged;
    allowedPrivilegedServices = List.copyOf(b.allowedPrivilegedServices);
    dns = List.copyOf(b.dns);
    dnsSearch = List.copyOf(b.dnsSearch);
    extraHosts = List.copyOf(b.extraHosts);
    networkMode = b.networkMode;
    helperImage = b.helperImage;
    podOwnerImage = b.podOwnerImage;
    disableEntrypointOverwrite = b.disableEntrypointOverwrite;
    debugTraceDisabled = b.debugTraceDisabled;
    runnerToken = b.runnerToken;
    docker = b.docker;
    defaultImage = b.defaultImage;
    environment = List.copyOf(b.environment);
    dockerConfig = b.dockerConfig;
    credentialHelperPath = List.copyOf(b.credentialHelperPath);
  }

  /** Folders searched for {@code docker-credential-<name>} programs before {@code PATH}. */
  public List<java.nio.file.Path> credentialHelperPath() {
    return credentialHelperPath;
  }

  /**
   * {@code [[runners]] environment}: variables the runner adds to every job before the job's own
   * (internal: services get them too). A {@code DOCKER_AUTH_CONFIG} here is the runner-level one.
   */
  public List<Variable> environment() {
    return environment;
  }

  /**
   * The folder whose {@code config.json} holds the docker login state; {@code null} means the
   * docker CLI's: {@code $DOCKER_CONFIG}, else {@code $HOME/.docker} (then the runner's
   * {@code $HOME/.dockercfg}).
   */
  public java.nio.file.@Nullable Path dockerConfig() {
    return dockerConfig;
  }

  /** The runner's {@code image}: the job image of jobs that declare none. */
  public @Nullable String defaultImage() {
    return defaultImage;
  }

  /** A default runner: no default services, 30 s timeout, pull policy {@code [always]}, a network per job. */
  public static RunnerConfig defaults() {
    return DEFAULTS;
  }

  /** A builder starting from {@link #defaults()}. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The runner for local runs, which the command line, the JUnit extension and the examples share: no
   * registry needed (pull policy {@code if-not-present}), every pull policy allowed (so a service may
   * ask for any), GitLab's 30 s to be ready, a network per job. A builder, to change any of them.
   */
  public static Builder local() {
    return builder().pullPolicy(PullPolicy.IF_NOT_PRESENT).allowedPullPolicies(PullPolicy.values())
        .waitForServicesTimeout(DEFAULT_WAIT_FOR_SERVICES_TIMEOUT);
  }

  /** Services of {@code [[runners.docker.services]]}, added before the job's. */
  public List<ServiceSpec> services() {
    return services;
  }

  /**
   * {@code wait_for_services_timeout} in seconds as configured: 0 means the default of 30, a
   * negative value skips the health check. {@link #servicesHealthCheckTimeout()} says it plainly.
   */
  public int waitForServicesTimeout() {
    return waitForServicesTimeout;
  }

  /** How long services have to be ready; empty when the health check is skipped. */
  public java.util.Optional<Duration> servicesHealthCheckTimeout() {
    if (waitForServicesTimeout < 0) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(Duration.ofSeconds(
        waitForServicesTimeout == 0 ? DEFAULT_WAIT_FOR_SERVICES_TIMEOUT : waitForServicesTimeout));
  }

  /** The runner's {@code pull_policy}; empty means GitLab's default, {@code [always]}. */
  public List<PullPolicy> pullPolicies() {
    return pullPolicies;
  }

  /** The runner's {@code allowed_pull_policies}; empty means the runner's effective pull policies. */
  public List<PullPolicy> allowedPullPolicies() {
    return allowedPullPolicies;
  }

  /** {@code allowed_services} globs; empty allows every image. */
  public List<String> allowedServices() {
    return allowedServices;
  }

  /**
   * {@code allowed_images} globs for the job's image; empty allows every image, and the runner's own
   * {@code image} ({@link #defaultImage()}) is always allowed.
   */
  public List<String> allowedImages() {
    return allowedImages;
  }

  /** {@code services_limit}; empty means unlimited. */
  public OptionalInt servicesLimit() {
    return servicesLimit == null ? OptionalInt.empty() : OptionalInt.of(servicesLimit);
  }

  /** {@code privileged}. */
  public boolean privileged() {
    return privileged;
  }

  /** Whether services run privileged: {@code services_privileged}, else {@link #privileged()}. */
  public boolean servicesPrivileged() {
    return servicesPrivileged != null ? servicesPrivileged : privileged;
  }

  /** {@code allowed_privileged_services} globs; empty lets every service be privileged. */
  public List<String> allowedPrivilegedServices() {
    return allowedPrivilegedServices;
  }

  /** {@code dns}: DNS server addresses for services and the job. */
  public List<String> dns() {
    return dns;
  }

  /** {@code dns_search}: DNS search domains. */
  public List<String> dnsSearch() {
    return dnsSearch;
  }

  /** {@code extra_hosts}: {@code host:ip} entries for services and the job. */
  public List<String> extraHosts() {
    return extraHosts;
  }

  /** How the job and its services are networked. */
  public NetworkMode networkMode() {
    return networkMode;
  }

  /** {@code helper_image}, if set. */
  public @Nullable String helperImage() {
    return helperImage;
  }

  /**
   * The image of the pod's namespace owner in {@link NetworkMode#POD} ({@link JobPlan#namespaceOwner()}),
   * a ci-services setting: {@value JobPlan#NAMESPACE_OWNER_IMAGE} unless set. Not {@code helper_image}:
   * in a Kubernetes pod the namespace is held by the cluster's sandbox, not by the runner's helper.
   */
  public String podOwnerImage() {
    return podOwnerImage;
  }

  /** {@code disable_entrypoint_overwrite}. */
  public boolean disableEntrypointOverwrite() {
    return disableEntrypointOverwrite;
  }

  /** {@code debug_trace_disabled}: {@code CI_DEBUG_SERVICES} is then refused. */
  public boolean debugTraceDisabled() {
    return debugTraceDisabled;
  }

  /** The runner token; its short form names containers ({@code runner-<token9>-project-...}). */
  public String runnerToken() {
    return runnerToken;
  }

  /** The {@code [runners.docker]} container keys (volumes, tmpfs, resources, capabilities, ...). */
  public DockerSettings docker() {
    return docker;
  }

  /** A builder holding this configuration's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.services.addAll(services);
    b.waitForServicesTimeout = waitForServicesTimeout;
    b.pullPolicies.addAll(pullPolicies);
    b.allowedPullPolicies.addAll(allowedPullPolicies);
    b.allowedServices.addAll(allowedServices);
    b.allowedImages.addAll(allowedImages);
    b.servicesLimit = servicesLimit;
    b.privileged = privileged;
    b.servicesPrivileged = servicesPrivileged;
    b.allowedPrivilegedServices.addAll(allowedPrivilegedServices);
    b.dns.addAll(dns);
    b.dnsSearch.addAll(dnsSearch);
    b.extraHosts.addAll(extraHosts);
    b.networkMode = networkMode;
    b.helperImage = helperImage;
    b.podOwnerImage = podOwnerImage;
    b.disableEntrypointOverwrite = disableEntrypointOverwrite;
    b.debugTraceDisabled = debugTraceDisabled;
    b.runnerToken = runnerToken;
    b.docker = docker;
    b.defaultImage = defaultImage;
    b.environment.addAll(environment);
    b.dockerConfig = dockerConfig;
    b.credentialHelperPath.addAll(credentialHelperPath);
    return b;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RunnerConfig that && values().equals(that.values());
  }

  @Override
  public int hashCode() {
    return values().hashCode();
  }

  /** Every field, in declaration order: the one list equality and the hash code are made of. */
  private List<@Nullable Object> values() {
    return Arrays.asList(services, waitForServicesTimeout, pullPolicies, allowedPullPolicies, allowedServices,
        allowedImages, servicesLimit, privileged, servicesPrivileged, allowedPrivilegedServices, dns, dnsSearch,
        extraHosts, networkMode, helperImage, podOwnerImage, disableEntrypointOverwrite, debugTraceDisabled, runnerToken,
        defaultImage, docker,
        environment, dockerConfig, credentialHelperPath);
  }

  @Override
  public String toString() {
    return "RunnerConfig{services=" + services + ", wait_for_services_timeout=" + waitForServicesTimeout
        + ", pull_policy=" + pullPolicies + ", allowed_pull_policies=" + allowedPullPolicies
        + ", allowed_services=" + allowedServices + ", allowed_images=" + allowedImages + ", services_limit=" + servicesLimit + ", network=" + networkMode + "}";
  }

  /** Builds an {@link RunnerConfig}; every setter checks its argument and names it when it fails. */
  public static final class Builder {
    private final List<ServiceSpec> services = new ArrayList<>();
    private int waitForServicesTimeout;
    private final List<PullPolicy> pullPolicies = new ArrayList<>();
    private final List<PullPolicy> allowedPullPolicies = new ArrayList<>();
    private final List<String> allowedServices = new ArrayList<>();
    private final List<String> allowedImages = new ArrayList<>();
    private @Nullable Integer servicesLimit;
    private boolean privileged;
    private @Nullable Boolean servicesPrivileged;
    private final List<String> allowedPrivilegedServices = new ArrayList<>();
    private final List<String> dns = new ArrayList<>();
    private final List<String> dnsSearch = new ArrayList<>();
    private final List<String> extraHosts = new ArrayList<>();
    private NetworkMode networkMode = NetworkMode.PER_JOB;
    private @Nullable String helperImage;
    private String podOwnerImage = JobPlan.NAMESPACE_OWNER_IMAGE;
    private boolean disableEntrypointOverwrite;
    private boolean debugTraceDisabled;
    private String runnerToken = "local";
    private DockerSettings docker = DockerSettings.NONE;
    private @Nullable String defaultImage;
    private final List<Variable> environment = new ArrayList<>();
    private java.nio.file.@Nullable Path dockerConfig;
    private final List<java.nio.file.Path> credentialHelperPath = new ArrayList<>();

    private Builder() {}

    /** Folders to search for {@code docker-credential-<name>} programs before {@code PATH}. */
    public Builder credentialHelperPath(java.nio.file.Path... folders) {
      for (java.nio.file.Path folder : folders) {
        credentialHelperPath.add(Checks.notNull("RunnerConfig.credentialHelperPath[" + credentialHelperPath.size() + "]", folder));
      }
      return this;
    }

    /**
     * Adds {@code config.toml} {@code environment} entries, {@code KEY=value} each.
     *
     * @throws IllegalArgumentException naming the entry when it has no {@code =} or a bad key
     */
    public Builder environment(String... entries) {
      for (String entry : entries) {
        String path = "RunnerConfig.environment[" + environment.size() + "]";
        Checks.notNull(path, entry);
        int eq = entry.indexOf('=');
        if (eq <= 0) {
          // the entry is not repeated: it may be a secret
          throw new IllegalArgumentException(path + " is not KEY=value (" + (eq < 0 ? "no '='" : "no key before '='")
              + "); write e.g. \"DOCKER_AUTH_CONFIG={...}\"");
        }
        environment.add(Checks.at(path, () -> Variable.internal(entry.substring(0, eq), entry.substring(eq + 1))));
      }
      return this;
    }

    /**
     * The folder holding the docker {@code config.json} to read credentials from, instead of the
     * docker CLI's ({@code $DOCKER_CONFIG}, else {@code ~/.docker}).
     */
    public Builder dockerConfig(java.nio.file.Path folder) {
      this.dockerConfig = Checks.notNull("RunnerConfig.dockerConfig", folder);
      return this;
    }

    /** The runner's {@code image}: used by jobs that declare none. */
    public Builder defaultImage(String image) {
      Checks.notNull("RunnerConfig.image", image);
      Checks.at("RunnerConfig.image", () -> ImageRef.parse(image));
      this.defaultImage = image;
      return this;
    }

    /** Adds a default service, started before the job's services. */
    public Builder service(ServiceSpec service) {
      services.add(Checks.notNull("RunnerConfig.services[" + services.size() + "]", service));
      return this;
    }

    /**
     * {@code wait_for_services_timeout} in seconds, as written in {@code config.toml}: 0 means 30, a
     * negative value skips the health check ({@link #SKIP_HEALTH_CHECK}). From Java, {@link
     * #waitForServices(Duration)} and {@link #skipServicesHealthCheck()} say it plainly.
     */
    public Builder waitForServicesTimeout(int seconds) {
      this.waitForServicesTimeout = seconds;
      return this;
    }

    /**
     * How long services have to be ready, in whole seconds as GitLab counts them.
     *
     * @throws IllegalArgumentException when not at least one second
     */
    public Builder waitForServices(Duration timeout) {
      Checks.notNull("RunnerConfig.wait_for_services_timeout", timeout);
      if (timeout.getSeconds() < 1) {
        throw new IllegalArgumentException("RunnerConfig.wait_for_services_timeout " + timeout
            + " is less than a second; give e.g. Duration.ofSeconds(30), or call skipServicesHealthCheck()");
      }
      this.waitForServicesTimeout = (int) Math.min(Integer.MAX_VALUE, timeout.getSeconds());
      return this;
    }

    /** No health check of the services at all (GitLab's negative {@code wait_for_services_timeout}). */
    public Builder skipServicesHealthCheck() {
      this.waitForServicesTimeout = SKIP_HEALTH_CHECK;
      return this;
    }

    /** The runner's {@code pull_policy}, in order of preference; replaces the policies set before. */
    public Builder pullPolicy(PullPolicy... policies) {
      pullPolicies.clear();
      add("RunnerConfig.pull_policy", pullPolicies, policies);
      return this;
    }

    /**
     * The runner's {@code pull_policy} as written in {@code config.toml}.
     *
     * @throws IllegalArgumentException {@code unsupported pull_policy config: "x"} with the accepted values
     */
    public Builder pullPolicy(String... policies) {
      PullPolicy[] parsed = parse("pull_policy", policies);
      pullPolicies.clear();
      add("RunnerConfig.pull_policy", pullPolicies, parsed);
      return this;
    }

    /** The runner's {@code allowed_pull_policies}. */
    public Builder allowedPullPolicies(PullPolicy... policies) {
      allowedPullPolicies.clear();
      add("RunnerConfig.allowed_pull_policies", allowedPullPolicies, policies);
      return this;
    }

    /**
     * The runner's {@code allowed_pull_policies} as written in {@code config.toml}.
     *
     * @throws IllegalArgumentException {@code unsupported allowed_pull_policies config: "x"} with the accepted values
     */
    public Builder allowedPullPolicies(String... policies) {
      PullPolicy[] parsed = parse("allowed_pull_policies", policies);
      allowedPullPolicies.clear();
      add("RunnerConfig.allowed_pull_policies", allowedPullPolicies, parsed);
      return this;
    }

    /** {@code allowed_services} globs ({@code doublestar} syntax, e.g. {@code postgres:*}). */
    public Builder allowedServices(String... globs) {
      addGlobs("RunnerConfig.allowed_services", allowedServices, globs);
      return this;
    }

    /** {@code allowed_images} globs for the job's image ({@code doublestar} syntax, e.g. {@code ruby:*}). */
    public Builder allowedImages(String... globs) {
      addGlobs("RunnerConfig.allowed_images", allowedImages, globs);
      return this;
    }

    /**
     * {@code services_limit}: at most this many services ({@code config.toml} ones included).
     *
     * @throws IllegalArgumentException for a negative limit: GitLab reads it as unlimited, which
     *     {@link #unlimitedServices()} says plainly
     */
    public Builder servicesLimit(int limit) {
      if (limit < 0) {
        throw new IllegalArgumentException("RunnerConfig.services_limit " + limit
            + " is negative; GitLab reads a negative limit as unlimited: call unlimitedServices() for that,"
            + " or give a limit of 0 or more");
      }
      this.servicesLimit = limit;
      return this;
    }

    /** No {@code services_limit}, the default. */
    public Builder unlimitedServices() {
      this.servicesLimit = null;
      return this;
    }

    /** {@code privileged}. */
    public Builder privileged(boolean privileged) {
      this.privileged = privileged;
      return this;
    }

    /** {@code services_privileged}, which overrides {@code privileged} for services. */
    public Builder servicesPrivileged(boolean servicesPrivileged) {
      this.servicesPrivileged = servicesPrivileged;
      return this;
    }

    /** {@code allowed_privileged_services} globs, matched against the service name as written. */
    public Builder allowedPrivilegedServices(String... globs) {
      addGlobs("RunnerConfig.allowed_privileged_services", allowedPrivilegedServices, globs);
      return this;
    }

    /** {@code dns}: DNS server IP addresses. */
    public Builder dns(String... servers) {
      for (String server : servers) {
        String path = "RunnerConfig.dns[" + dns.size() + "]";
        Checks.notNull(path, server);
        if (!IPV4.matcher(server).matches() && !IPV6.matcher(server).matches()) {
          throw new IllegalArgumentException("invalid DNS server address \"" + server + "\": " + path
              + " must be an IPv4 or IPv6 address, e.g. \"1.1.1.1\"");
        }
        dns.add(server);
      }
      return this;
    }

    /** {@code dns_search}: DNS search domains. */
    public Builder dnsSearch(String... domains) {
      for (String domain : domains) {
        String path = "RunnerConfig.dns_search[" + dnsSearch.size() + "]";
        Checks.notNull(path, domain);
        if (!AliasPolicy.isHostname(domain)) {
          throw new IllegalArgumentException(path + " \"" + domain + "\" is not a domain name; use e.g. \"example.com\"");
        }
        dnsSearch.add(domain);
      }
      return this;
    }

    /** {@code extra_hosts}: {@code host:ip} entries. */
    public Builder extraHosts(String... entries) {
      for (String entry : entries) {
        String path = "RunnerConfig.extra_hosts[" + extraHosts.size() + "]";
        Checks.notNull(path, entry);
        int colon = entry.indexOf(':');
        if (colon <= 0 || colon == entry.length() - 1) {
          throw new IllegalArgumentException(path + " \"" + entry + "\" is not host:ip; use e.g. \"db.local:10.0.0.5\"");
        }
        extraHosts.add(entry);
      }
      return this;
    }

    /** The network mode; {@link NetworkMode#PER_JOB} by default. */
    public Builder networkMode(NetworkMode mode) {
      this.networkMode = Checks.notNull("RunnerConfig.network_mode", mode);
      return this;
    }

    /**
     * The namespace owner's image in {@link NetworkMode#POD} ({@value JobPlan#NAMESPACE_OWNER_IMAGE} by
     * default): any image with {@code sh} and {@code sleep}, e.g. a mirror of busybox in a registry
     * the engine can reach.
     */
    public Builder podOwnerImage(String image) {
      Checks.notNull("RunnerConfig.pod_owner_image", image);
      Checks.at("RunnerConfig.pod_owner_image", () -> ImageRef.parse(image));
      this.podOwnerImage = image;
      return this;
    }

    /** {@code helper_image}. */
    public Builder helperImage(String image) {
      Checks.notNull("RunnerConfig.helper_image", image);
      Checks.at("RunnerConfig.helper_image", () -> ImageRef.parse(image));
      this.helperImage = image;
      return this;
    }

    /** {@code disable_entrypoint_overwrite}: keep image entrypoints, warning when a service sets one. */
    public Builder disableEntrypointOverwrite(boolean disable) {
      this.disableEntrypointOverwrite = disable;
      return this;
    }

    /** {@code debug_trace_disabled}: refuse {@code CI_DEBUG_SERVICES}. */
    public Builder debugTraceDisabled(boolean disabled) {
      this.debugTraceDisabled = disabled;
      return this;
    }

    /** The {@code [runners.docker]} container keys, e.g. {@code DockerSettings.builder().servicesTmpfs(...)}. */
    public Builder docker(DockerSettings settings) {
      this.docker = Checks.notNull("RunnerConfig.docker", settings);
      return this;
    }

    /** The runner token, used in container names in its short form. */
    public Builder runnerToken(String token) {
      Checks.notNull("RunnerConfig.runnerToken", token);
      if (token.isBlank()) {
        throw new IllegalArgumentException("RunnerConfig.runnerToken is empty; leave it unset for \"local\"");
      }
      this.runnerToken = token;
      return this;
    }

    /** The configuration. */
    public RunnerConfig build() {
      return new RunnerConfig(this);
    }

    private static void add(String path, List<PullPolicy> target, PullPolicy... policies) {
      for (PullPolicy p : policies) {
        target.add(Checks.notNull(path + "[" + target.size() + "]", p));
      }
    }

    private static PullPolicy[] parse(String key, String... values) {
      return Arrays.stream(values).map(v -> {
        try {
          return PullPolicy.parse(Checks.notNull("RunnerConfig." + key, v));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("unsupported " + key + " config: \"" + v + "\"; use one of "
              + PullPolicy.acceptedValues(), e);
        }
      }).toArray(PullPolicy[]::new);
    }

    private static void addGlobs(String path, List<String> target, String... globs) {
      for (String glob : globs) {
        String at = path + "[" + target.size() + "]";
        Checks.notNull(at, glob);
        try {
          Glob.compile(glob);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(at + " \"" + glob + "\" is not a valid glob: " + e.getMessage()
              + "; use *, ?, ** and [...] as in \"postgres:*\"", e);
        }
        target.add(glob);
      }
    }
  }
}
