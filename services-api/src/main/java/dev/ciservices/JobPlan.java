package dev.ciservices;

import dev.ciservices.internal.GitStrategy;
import dev.ciservices.internal.Masker;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The full, ordered resolution of a job's services, as GitLab Runner would create them: each service
 * container, the warnings to print, the errors that stop the job, the network and the health-check
 * timeout. Made by {@link JobPlanner#plan}; knows nothing of any container engine. Immutable.
 */
public final class JobPlan {
  /** Where the shared builds volume is mounted in every service and in the job container. */
  public static final String BUILDS_DIR = "/builds";

  private final JobSpec job;
  private final RunnerConfig config;
  private final String instanceId;
  private final List<ServicePlan> services;
  private final List<SkippedService> skipped;
  private final List<String> warnings;
  private final List<PlanError> errors;
  private final Masker masker;
  private final List<Variable> jobVariables;
  private final @Nullable String jobImage;
  private final boolean debugServices;
  private final @Nullable String networkName;
  private final String buildsVolume;
  private final Map<String, String> labels;
  private final Map<String, String> files;
  private final String jobContainerName;
  private final @Nullable ContainerPlan jobContainer;
  private final @Nullable Duration healthCheckTimeout;
  private final PullPolicyDecision jobPullPolicy;
  private final String runnerShortToken;
  private final String projectUniqueName;
  private final RegistryCredentials registryCredentials;
  private final @Nullable ContainerPlan namespaceOwner;
  private final GitStrategy gitStrategy;

  JobPlan(JobSpec job, RunnerConfig config, String instanceId, List<ServicePlan> services,
      List<SkippedService> skipped, List<String> warnings, List<PlanError> errors, Masker masker,
      List<Variable> jobVariables,
      @Nullable String jobImage, boolean debugServices, @Nullable String networkName, String buildsVolume,
      Map<String, String> labels, Map<String, String> files, String jobContainerName, @Nullable ContainerPlan jobContainer,
      @Nullable Duration healthCheckTimeout, PullPolicyDecision jobPullPolicy, String runnerShortToken,
      String projectUniqueName, RegistryCredentials registryCredentials, @Nullable ContainerPlan namespaceOwner,
      GitStrategy gitStrategy) {
    this.job = job;
    this.config = config;
    this.instanceId = instanceId;
    this.services = List.copyOf(services);
    this.skipped = List.copyOf(skipped);
    this.warnings = List.copyOf(warnings);
    this.errors = List.copyOf(errors);
    this.masker = masker;
    this.jobVariables = List.copyOf(jobVariables);
    this.jobImage = jobImage;
    this.debugServices = debugServices;
    this.networkName = networkName;
    this.buildsVolume = buildsVolume;
    this.labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    this.files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
    this.jobContainerName = jobContainerName;
    this.jobContainer = jobContainer;
    this.healthCheckTimeout = healthCheckTimeout;
    this.jobPullPolicy = jobPullPolicy;
    this.runnerShortToken = runnerShortToken;
    this.projectUniqueName = projectUniqueName;
    this.registryCredentials = registryCredentials;
    this.namespaceOwner = namespaceOwner;
    this.gitStrategy = gitStrategy;
  }

  /**
   * In {@link NetworkMode#POD}, the container that holds the pod's network namespace, created before
   * the services: a small long-running container ({@link RunnerConfig#podOwnerImage()}, {@value
   * #NAMESPACE_OWNER_IMAGE} by default) with the hosts
   * entries (the services' Kubernetes host aliases for 127.0.0.1, then the runner's extra hosts), the
   * DNS settings and the ports published for the calling JVM; every service and the job container
   * join it ({@link NetworkPlan#joins()}). Empty in the other modes.
   */
  public Optional<ContainerPlan> namespaceOwner() {
    return Optional.ofNullable(namespaceOwner);
  }

  /**
   * The default image of {@link #namespaceOwner()} ({@link RunnerConfig#podOwnerImage()}): anything with
   * {@code sh} and {@code sleep} that stays up.
   */
  public static final String NAMESPACE_OWNER_IMAGE = "busybox:latest";

  /**
   * Where the job's images get their registry credentials: {@code DOCKER_AUTH_CONFIG}, the docker
   * config file, the job payload ({@code CI_REGISTRY} with the job token). Resolve one image, or all
   * of them for a Kubernetes pull secret, with {@code dev.ciservices.registry.RegistryAuth}.
   */
  public RegistryCredentials registryCredentials() {
    return registryCredentials;
  }

  /**
   * The job's own container, fully resolved (image, pull policies with their source, entrypoint,
   * privilege, user, network, DNS, extra hosts, mounts, environment); empty when the job has no image
   * and the runner no default image, so that only its services can start.
   */
  public Optional<ContainerPlan> jobContainer() {
    return Optional.ofNullable(jobContainer);
  }

  /**
   * The pull policies of the job's image, with their source: the planned job container's, or when
   * the job has no image (services alone), the runner's. The Kubernetes executor's build and helper
   * containers get these.
   */
  public PullPolicyDecision jobPullPolicy() {
    return jobPullPolicy;
  }

  /** The runner token shortened as the runner shortens it for names and labels. */
  public String runnerShortToken() {
    return runnerShortToken;
  }

  /**
   * The runner's {@code ProjectUniqueName}, {@code runner-<token>-project-<id>-concurrent-0}: the
   * prefix of every container, volume and pod name of the job.
   */
  public String projectUniqueName() {
    return projectUniqueName;
  }

  /** The name of the job's own container: {@code runner-<token>-project-<id>-concurrent-0-<job>-build}. */
  public String jobContainerName() {
    return jobContainerName;
  }

  /** The job's name, e.g. {@code test:2.7}. */
  public String jobName() {
    return job.name();
  }

  /** The commands of the {@code step_script} stage: {@code before_script}, then {@code script}. */
  public List<String> stepScript() {
    List<String> commands = new java.util.ArrayList<>(job.beforeScript());
    commands.addAll(job.script());
    return List.copyOf(commands);
  }

  /** The {@code after_script} commands. */
  public List<String> afterScript() {
    return job.afterScript();
  }

  /** How long the step script may run. */
  public Duration timeout() {
    return job.timeout();
  }

  /**
   * The host directory copied to {@link #projectDir()} before the scripts run, if any; empty when the
   * job gives none, or when {@link #workspaceSkipReason()} says why it is not copied.
   */
  public Optional<java.nio.file.Path> workspace() {
    return gitStrategy.skipsCheckout() ? Optional.empty() : job.workspace();
  }

  /**
   * Why the job's {@link JobSpec#workspace()} is not copied, as GitLab gives no checkout: {@code
   * GIT_STRATEGY is "none": GitLab Runner does not fetch or clone the repository, so the project
   * directory holds no checkout} (or {@code "empty"}); empty when the sources are got as usual.
   */
  public Optional<String> workspaceSkipReason() {
    return gitStrategy.skipsCheckout() && job.workspace().isPresent() ? gitStrategy.reason() : Optional.empty();
  }

  /**
   * The lines GitLab Runner prints in its {@code get_sources} stage when {@code GIT_STRATEGY} skips the
   * checkout: {@code Skipping Git repository setup} ({@code none}) or {@code Skipping Git repository
   * setup and creating an empty build directory} ({@code empty}), then {@code Skipping Git checkout}
   * and {@code Skipping Git submodules setup}; empty otherwise. Backends print them in place of the
   * workspace copy's line.
   */
  public List<String> sourcesTraceLines() {
    return gitStrategy.traceLines();
  }

  /**
   * What of {@link #workspace()} the job sees; with {@link WorkspaceMode#BIND_MOUNT} the job
   * container's mounts hold the directory at {@link #projectDir()}.
   */
  public WorkspaceMode workspaceMode() {
    return job.workspaceMode();
  }

  /**
   * The job this plan was made from, for tools that show it. A backend never reads it: everything it
   * needs is resolved in this plan.
   */
  public JobSpec job() {
    return job;
  }

  /**
   * The runner configuration this plan was made under, for tools that show it. A backend never reads
   * it: everything it needs is resolved in this plan.
   */
  public RunnerConfig config() {
    return config;
  }

  /** 16 hexadecimal characters that tell this run of the job from any other; part of every name. */
  public String instanceId() {
    return instanceId;
  }

  /** The service containers to create, in order ({@code config.toml} services first). */
  public List<ServicePlan> services() {
    return services;
  }

  /** The service with this hostname, if one answers to it. */
  public Optional<ServicePlan> service(String hostname) {
    return services.stream().filter(s -> s.hostnames().contains(hostname)).findFirst();
  }

  /** Declared services that get no container, with the reason. */
  public List<SkippedService> skipped() {
    return skipped;
  }

  /** The warnings to print, in order, without the {@code WARNING: } prefix. */
  public List<String> warnings() {
    return warnings;
  }

  /** The errors that stop the job; empty when the job can run. */
  public List<PlanError> errors() {
    return errors;
  }

  /** Whether the job can run. */
  public boolean isValid() {
    return errors.isEmpty();
  }

  /**
   * Returns this plan when it has no errors.
   *
   * @throws InvalidPlanException listing every error, each with its field, value and fix
   */
  public JobPlan requireValid() {
    if (!errors.isEmpty()) {
      throw new InvalidPlanException(this);
    }
    return this;
  }

  /** All job variables, predefined ones first, each expanded once; what the job container gets. */
  public List<Variable> jobVariables() {
    return jobVariables;
  }

  /** The job image name, expanded, if the job has one. */
  public Optional<String> jobImage() {
    return Optional.ofNullable(jobImage);
  }

  /** Whether service logs stream into the trace ({@code CI_DEBUG_SERVICES}). */
  public boolean debugServices() {
    return debugServices;
  }

  /** The network mode. */
  public NetworkMode networkMode() {
    return config.networkMode();
  }

  /**
   * The per-job network's name ({@code CI_BUILD_NETWORK_NAME}); empty in {@link NetworkMode#LEGACY_LINKS}
   * and {@link NetworkMode#POD} (whose namespace owner is on the default bridge).
   */
  public Optional<String> networkName() {
    return Optional.ofNullable(networkName);
  }

  /** The name of the volume mounted at {@link #BUILDS_DIR} in every container of the job. */
  public String buildsVolume() {
    return buildsVolume;
  }

  /** {@code CI_PROJECT_DIR}: {@code /builds/<project path>}. */
  public String projectDir() {
    return BUILDS_DIR + "/" + job.projectPath();
  }

  /** The labels put on everything created for this job (network, volumes, containers). */
  public Map<String, String> labels() {
    return labels;
  }

  /** File variables to write before containers use them: path in the builds volume to content. */
  public Map<String, String> files() {
    return files;
  }

  /**
   * How long to wait for services: empty when {@code wait_for_services_timeout} is negative (no
   * health check at all), else the timeout (30 s when it is 0).
   */
  public Optional<Duration> healthCheckTimeout() {
    return Optional.ofNullable(healthCheckTimeout);
  }

  /**
   * {@code Waiting for services to be up and running (timeout 30 seconds)...}, unless the check is
   * skipped; never in {@link NetworkMode#POD}, whose Kubernetes health check prints no such line.
   */
  public Optional<String> waitingLine() {
    if (networkMode() == NetworkMode.POD) {
      return Optional.empty();
    }
    return healthCheckTimeout().map(t -> "Waiting for services to be up and running (timeout " + t.toSeconds() + " seconds)...");
  }

  /**
   * The values to replace by {@code [MASKED]}, longest first: every masked variable's value, as
   * written and as expanded, and each line of a multi-line one.
   */
  public List<String> maskedValues() {
    return masker.values();
  }

  /**
   * The text with every masked value of this job replaced by {@code [MASKED]}, wherever it came
   * from (a public variable expanded from a masked one included): what every text about this job
   * passes through before it is shown.
   */
  public String mask(String text) {
    return masker.mask(text);
  }

  @Override
  public String toString() {
    return mask("JobPlan{" + instanceId + ", services=" + services.stream().map(ServicePlan::name)
        .collect(Collectors.toList()) + ", errors=" + errors + "}");
  }
}
