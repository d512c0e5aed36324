package dev.ciservices;

import dev.ciservices.internal.AliasPolicy;
import dev.ciservices.internal.Checks;
import dev.ciservices.internal.Lists;
import dev.ciservices.internal.Glob;
import java.time.Duration;
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

  /**
   * This configuration's values: a copy of the builder it was built from. Every field of a builder
   * is an immutable value, so the copy is a plain clone and no list of fields is written out for it
   * or for {@link #toBuilder()}.
   */
  private final Builder fields;

  private RunnerConfig(Builder b) {
    this.fields = b.copy();
  }

  /** Folders searched for {@code docker-credential-<name>} programs before {@code PATH}. */
  public List<java.nio.file.Path> credentialHelperPath() {
    return fields.credentialHelperPath;
  }

  /**
   * {@code [[runners]] environment}: variables the runner adds to every job before the job's own
   * (internal: services get them too). A {@code DOCKER_AUTH_CONFIG} here is the runner-level one.
   */
  public List<Variable> environment() {
    return fields.environment;
  }

  /**
   * The folder whose {@code config.json} holds the docker login state; {@code null} means the
   * docker CLI's: {@code $DOCKER_CONFIG}, else {@code $HOME/.docker} (then the runner's
   * {@code $HOME/.dockercfg}).
   */
  public java.nio.file.@Nullable Path dockerConfig() {
    return fields.dockerConfig;
  }

  /** The runner's {@code image}: the job image of jobs that declare none. */
  public @Nullable String defaultImage() {
    return fields.defaultImage;
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
    return fields.services;
  }

  /**
   * {@code wait_for_services_timeout} in seconds as configured: 0 means the default of 30, a
   * negative value skips the health check. {@link #servicesHealthCheckTimeout()} says it plainly.
   */
  public int waitForServicesTimeout() {
    return fields.waitForServicesTimeout;
  }

  /** How long services have to be ready; empty when the health check is skipped. */
  public java.util.Optional<Duration> servicesHealthCheckTimeout() {
    if (fields.waitForServicesTimeout < 0) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(Duration.ofSeconds(
        fields.waitForServicesTimeout == 0 ? DEFAULT_WAIT_FOR_SERVICES_TIMEOUT : fields.waitForServicesTimeout));
  }

  /** The runner's {@code pull_policy}; empty means GitLab's default, {@code [always]}. */
  public List<PullPolicy> pullPolicies() {
    return fields.pullPolicies;
  }

  /** The runner's {@code allowed_pull_policies}; empty means the runner's effective pull policies. */
  public List<PullPolicy> allowedPullPolicies() {
    return fields.allowedPullPolicies;
  }

  /** {@code allowed_services} globs; empty allows every image. */
  public List<String> allowedServices() {
    return fields.allowedServices;
  }

  /**
   * {@code allowed_images} globs for the job's image; empty allows every image, and the runner's own
   * {@code image} ({@link #defaultImage()}) is always allowed.
   */
  public List<String> allowedImages() {
    return fields.allowedImages;
  }

  /** {@code services_limit}; empty means unlimited. */
  public OptionalInt servicesLimit() {
    return fields.servicesLimit == null ? OptionalInt.empty() : OptionalInt.of(fields.servicesLimit);
  }

  /** {@code privileged}. */
  public boolean privileged() {
    return fields.privileged;
  }

  /** Whether services run privileged: {@code services_privileged}, else {@link #privileged()}. */
  public boolean servicesPrivileged() {
    return fields.servicesPrivileged != null ? fields.servicesPrivileged : fields.privileged;
  }

  /** {@code allowed_privileged_services} globs; empty lets every service be privileged. */
  public List<String> allowedPrivilegedServices() {
    return fields.allowedPrivilegedServices;
  }

  /** {@code dns}: DNS server addresses for services and the job. */
  public List<String> dns() {
    return fields.dns;
  }

  /** {@code dns_search}: DNS search domains. */
  public List<String> dnsSearch() {
    return fields.dnsSearch;
  }

  /** {@code extra_hosts}: {@code host:ip} entries for services and the job. */
  public List<String> extraHosts() {
    return fields.extraHosts;
  }

  /** How the job and its services are networked. */
  public NetworkMode networkMode() {
    return fields.networkMode;
  }

  /** {@code helper_image}, if set. */
  public @Nullable String helperImage() {
    return fields.helperImage;
  }

  /**
   * The image of the pod's namespace owner in {@link NetworkMode#POD} ({@link JobPlan#namespaceOwner()}),
   * a ci-services setting: {@value JobPlan#NAMESPACE_OWNER_IMAGE} unless set. Not {@code helper_image}:
   * in a Kubernetes pod the namespace is held by the cluster's sandbox, not by the runner's helper.
   */
  public String podOwnerImage() {
    return fields.podOwnerImage;
  }

  /** {@code disable_entrypoint_overwrite}. */
  public boolean disableEntrypointOverwrite() {
    return fields.disableEntrypointOverwrite;
  }

  /** {@code debug_trace_disabled}: {@code CI_DEBUG_SERVICES} is then refused. */
  public boolean debugTraceDisabled() {
    return fields.debugTraceDisabled;
  }

  /** The runner token; its short form names containers ({@code runner-<token9>-project-...}). */
  public String runnerToken() {
    return fields.runnerToken;
  }

  /** The {@code [runners.docker]} container keys (volumes, tmpfs, resources, capabilities, ...). */
  public DockerSettings docker() {
    return fields.docker;
  }

  /** A builder holding this configuration's values. */
  public Builder toBuilder() {
    return fields.copy();
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
    Builder f = fields;
    return Arrays.asList(f.services, f.waitForServicesTimeout, f.pullPolicies, f.allowedPullPolicies, f.allowedServices,
        f.allowedImages, f.servicesLimit, f.privileged, f.servicesPrivileged, f.allowedPrivilegedServices, f.dns, f.dnsSearch,
        f.extraHosts, f.networkMode, f.helperImage, f.podOwnerImage, f.disableEntrypointOverwrite, f.debugTraceDisabled,
        f.runnerToken, f.defaultImage, f.docker, f.environment, f.dockerConfig, f.credentialHelperPath);
  }

  @Override
  public String toString() {
    Builder f = fields;
    return "RunnerConfig{services=" + f.services + ", wait_for_services_timeout=" + f.waitForServicesTimeout
        + ", pull_policy=" + f.pullPolicies + ", allowed_pull_policies=" + f.allowedPullPolicies
        + ", allowed_services=" + f.allowedServices + ", allowed_images=" + f.allowedImages + ", services_limit="
        + f.servicesLimit + ", network=" + f.networkMode + "}";
  }

  /** Builds an {@link RunnerConfig}; every setter checks its argument and names it when it fails. */
  public static final class Builder implements Cloneable {
    private List<ServiceSpec> services = List.of();
    private int waitForServicesTimeout;
    private List<PullPolicy> pullPolicies = List.of();
    private List<PullPolicy> allowedPullPolicies = List.of();
    private List<String> allowedServices = List.of();
    private List<String> allowedImages = List.of();
    private @Nullable Integer servicesLimit;
    private boolean privileged;
    private @Nullable Boolean servicesPrivileged;
    private List<String> allowedPrivilegedServices = List.of();
    private List<String> dns = List.of();
    private List<String> dnsSearch = List.of();
    private List<String> extraHosts = List.of();
    private NetworkMode networkMode = NetworkMode.PER_JOB;
    private @Nullable String helperImage;
    private String podOwnerImage = JobPlan.NAMESPACE_OWNER_IMAGE;
    private boolean disableEntrypointOverwrite;
    private boolean debugTraceDisabled;
    private String runnerToken = "local";
    private DockerSettings docker = DockerSettings.NONE;
    private @Nullable String defaultImage;
    private List<Variable> environment = List.of();
    private java.nio.file.@Nullable Path dockerConfig;
    private List<java.nio.file.Path> credentialHelperPath = List.of();

    private Builder() {}

    /** Folders to search for {@code docker-credential-<name>} programs before {@code PATH}. */
    public Builder credentialHelperPath(java.nio.file.Path... folders) {
      for (java.nio.file.Path folder : folders) {
        credentialHelperPath = Lists.append(credentialHelperPath,
            Checks.notNull("RunnerConfig.credentialHelperPath[" + credentialHelperPath.size() + "]", folder));
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
        environment = Lists.append(environment,
            Checks.at(path, () -> Variable.internal(entry.substring(0, eq), entry.substring(eq + 1))));
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
      services = Lists.append(services, Checks.notNull("RunnerConfig.services[" + services.size() + "]", service));
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
      pullPolicies = add("RunnerConfig.pull_policy", List.of(), policies);
      return this;
    }

    /**
     * The runner's {@code pull_policy} as written in {@code config.toml}.
     *
     * @throws IllegalArgumentException {@code unsupported pull_policy config: "x"} with the accepted values
     */
    public Builder pullPolicy(String... policies) {
      PullPolicy[] parsed = parse("pull_policy", policies);
      pullPolicies = add("RunnerConfig.pull_policy", List.of(), parsed);
      return this;
    }

    /** The runner's {@code allowed_pull_policies}. */
    public Builder allowedPullPolicies(PullPolicy... policies) {
      allowedPullPolicies = add("RunnerConfig.allowed_pull_policies", List.of(), policies);
      return this;
    }

    /**
     * The runner's {@code allowed_pull_policies} as written in {@code config.toml}.
     *
     * @throws IllegalArgumentException {@code unsupported allowed_pull_policies config: "x"} with the accepted values
     */
    public Builder allowedPullPolicies(String... policies) {
      PullPolicy[] parsed = parse("allowed_pull_policies", policies);
      allowedPullPolicies = add("RunnerConfig.allowed_pull_policies", List.of(), parsed);
      return this;
    }

    /** {@code allowed_services} globs ({@code doublestar} syntax, e.g. {@code postgres:*}). */
    public Builder allowedServices(String... globs) {
      allowedServices = addGlobs("RunnerConfig.allowed_services", allowedServices, globs);
      return this;
    }

    /** {@code allowed_images} globs for the job's image ({@code doublestar} syntax, e.g. {@code ruby:*}). */
    public Builder allowedImages(String... globs) {
      allowedImages = addGlobs("RunnerConfig.allowed_images", allowedImages, globs);
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
      allowedPrivilegedServices = addGlobs("RunnerConfig.allowed_privileged_services", allowedPrivilegedServices, globs);
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
        dns = Lists.append(dns, server);
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
        dnsSearch = Lists.append(dnsSearch, domain);
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
        extraHosts = Lists.append(extraHosts, entry);
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

    private static List<PullPolicy> add(String path, List<PullPolicy> target, PullPolicy... policies) {
      List<PullPolicy> grown = target;
      for (PullPolicy p : policies) {
        grown = Lists.append(grown, Checks.notNull(path + "[" + grown.size() + "]", p));
      }
      return grown;
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

    private static List<String> addGlobs(String path, List<String> target, String... globs) {
      List<String> grown = target;
      for (String glob : globs) {
        String at = path + "[" + grown.size() + "]";
        Checks.notNull(at, glob);
        try {
          Glob.compile(glob);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(at + " \"" + glob + "\" is not a valid glob: " + e.getMessage()
              + "; use *, ?, ** and [...] as in \"postgres:*\"", e);
        }
        grown = Lists.append(grown, glob);
      }
      return grown;
    }

    /** A field-by-field copy: every field holds an immutable value, so nothing is shared that can change. */
    private Builder copy() {
      try {
        return (Builder) super.clone();
      } catch (CloneNotSupportedException e) {
        throw new AssertionError("Builder is Cloneable", e);
      }
    }
  }
}
