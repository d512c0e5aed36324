package dev.ciservices;

import dev.ciservices.internal.DebugServices;
import dev.ciservices.internal.AliasPolicy;
import dev.ciservices.internal.GitStrategy;
import dev.ciservices.internal.Glob;
import dev.ciservices.internal.GoDuration;
import dev.ciservices.internal.Masker;
import dev.ciservices.internal.Names;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Resolves a {@link JobSpec} under an {@link RunnerConfig} into the {@link JobPlan} GitLab Runner's
 * Docker executor would carry out. Pure: no engine is contacted, so any tool can ask which
 * hostnames, environment, pull policies or container names a job's services get.
 *
 * <p>The order follows the runner: variables are expanded once; {@code CI_DEBUG_SERVICES} is read;
 * service names and aliases are expanded; {@code allowed_services} and {@code services_limit} are
 * checked; then each service, {@code config.toml} ones first, gets its image, pull policies,
 * hostnames (skipping those in use), environment, entrypoint, command, privilege, names, labels and
 * health-check rule.
 */
public final class JobPlanner {
  private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern INSTANCE_ID = Pattern.compile("[0-9a-f]{16}");
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String LABEL = "dev.ciservices.";
  private static final String ALLOWED_IMAGES_DOCS =
      "Please check runner's allowed_images configuration: https://docs.gitlab.com/runner/configuration/advanced-configuration/";
  private static final List<String> LOG_COLORS =
      List.of("\u001b[0;36m", "\u001b[0;35m", "\u001b[0;34m", "\u001b[0;32m", "\u001b[0;96m", "\u001b[0;95m",
          "\u001b[0;94m", "\u001b[0;92m");

  private JobPlanner() {}

  /** Plans the job with a fresh random instance id. */
  public static JobPlan plan(JobSpec job, RunnerConfig config) {
    byte[] bytes = new byte[8];
    RANDOM.nextBytes(bytes);
    return plan(job, config, HexFormat.of().formatHex(bytes));
  }

  /**
   * Plans the job with a given instance id, for reproducible plans.
   *
   * @param instanceId 16 lower-case hexadecimal characters
   */
  public static JobPlan plan(JobSpec job, RunnerConfig config, String instanceId) {
    if (!INSTANCE_ID.matcher(instanceId).matches()) {
      throw new IllegalArgumentException("instanceId \"" + instanceId
          + "\" must be 16 lower-case hexadecimal characters, e.g. \"0123456789abcdef\"");
    }
    return new Planning(job, config, instanceId).run();
  }

  /** One definition: a job or config.toml service with its name and aliases expanded. */
  private record Definition(int index, ServiceOrigin origin, ServiceSpec spec, String name, List<String> userAliases) {
    boolean fromConfig() {
      return !origin.fromJob();
    }

    String field() {
      return origin.field();
    }
  }

  private static final class Planning {
    private final JobSpec job;
    private final RunnerConfig config;
    private final String instanceId;
    private final List<String> warnings = new ArrayList<>();
    private final List<PlanError> errors = new ArrayList<>();
    private final List<SkippedService> skipped = new ArrayList<>();
    private final String projectDir;
    private final String token;
    private final Map<String, String> labels = new LinkedHashMap<>();
    private final Map<String, String> undefined = new LinkedHashMap<>();
    private GitStrategy gitStrategy = GitStrategy.parse(null);
    private Masker masker = Masker.NONE;

    Planning(JobSpec job, RunnerConfig config, String instanceId) {
      this.job = job;
      this.config = config;
      this.instanceId = instanceId;
      this.projectDir = JobPlan.BUILDS_DIR + "/" + job.projectPath();
      this.token = Names.shortenToken(config.runnerToken());
      labels.put(LABEL + "managed", "true");
      labels.put(LABEL + "job.instance", instanceId);
      labels.put(LABEL + "job.id", Long.toString(job.jobId()));
      labels.put(LABEL + "job.name", job.name());
      labels.put(LABEL + "project.id", Long.toString(job.projectId()));
      labels.put(LABEL + "project.path", job.projectPath());
    }

    JobPlan run() {
      String networkName = config.networkMode() == NetworkMode.PER_JOB
          ? Names.rfc1123("runner-" + token + "-" + job.projectId() + "-0-" + job.jobId()) + "-" + instanceId
          : null;
      List<Variable> unexpanded = allVariables(networkName);
      List<Variable> serverExpanded = serverPass(unexpanded);
      List<Variable> variables = RegistrySources.maskCredentials(Variables.expandAll(serverExpanded,
          (key, name) -> undefined(name, "variables." + key)));
      RegistryCredentials registryCredentials = RegistrySources.from(variables, config);
      // registry credentials: RegistrySources is the one place that says which values are secret
      masker = masker(unexpanded, serverExpanded, variables).with(RegistrySources.secrets(registryCredentials));
      labels.replaceAll((k, v) -> masker.maskInName(v));
      DebugServices debug = DebugServices.from(variables, config.debugTraceDisabled());
      gitStrategy = GitStrategy.from(variables);
      debug.warning().ifPresent(warnings::add);

      List<Definition> definitions = expandDefinitions(variables);
      checkAllowedServices(definitions);
      checkServicesLimit(definitions);

      List<Definition> named = definitions.stream().filter(d -> !d.name().isEmpty()).toList();
      List<String> kubernetesNames =
          AliasPolicy.kubernetesContainerNames(named.stream().map(Definition::userAliases).toList());
      Set<String> hostnamesInUse = new HashSet<>();
      List<ServicePlan> services = new ArrayList<>();
      String buildsVolume = projectUniqueName() + "-" + instanceId + "-builds";
      String owner = config.networkMode() == NetworkMode.POD ? projectUniqueName() + "-" + instanceId + "-pod" : null;
      for (Definition d : definitions) {
        Optional<ImageRef> image = ImageRef.tryParse(d.name());
        if (image.isEmpty()) {
          rejectName(d);
          continue;
        }
        String kubernetesName = kubernetesNames.get(named.indexOf(d));
        services.add(planService(d, image.get(), variables, hostnamesInUse, kubernetesName, services.size(),
            networkName, buildsVolume, owner));
      }
      String jobImage = job.image().map(i -> Variables.expand(i.name(), variables, n -> undefined(n, "image")))
          .orElse(config.defaultImage());
      if (job.image().isPresent() && jobImage != null) {
        checkAllowedImage(jobImage);
      }
      undefinedWarnings();
      List<Variable> jobVariables = toContainerValues(variables);
      ContainerPlan jobContainer = jobImage == null ? null
          : jobContainer(jobImage, jobVariables, networkName, buildsVolume, services, owner);
      return new JobPlan(job, config, instanceId, services, maskedSkipped(skipped), masked(warnings),
          maskedErrors(errors), masker, jobVariables, jobImage,
          debug.enabled(), networkName, buildsVolume, labels, fileContents(variables),
          projectUniqueName() + "-" + instanceId + "-build", jobContainer,
          healthCheckTimeout(), jobContainer == null ? PullPolicyDecision.decide(List.of(), config)
              : jobContainer.pullPolicy(), token, projectUniqueName(), registryCredentials,
          owner == null ? null : namespaceOwner(owner, services), gitStrategy);
    }

    /**
     * The pod's namespace owner ({@link NetworkMode#POD}): on the default bridge, with the services'
     * Kubernetes host aliases for 127.0.0.1 in the pod's order (sorted by container name), then the
     * runner's extra hosts, the runner's DNS, and every service's published port.
     */
    private ContainerPlan namespaceOwner(String name, List<ServicePlan> services) {
      List<ServicePlan> podOrder = new ArrayList<>(services);
      podOrder.sort(java.util.Comparator.comparing(ServicePlan::kubernetesName));
      List<String> hosts = new ArrayList<>();
      podOrder.forEach(s -> s.kubernetesHostAliases().forEach(h -> hosts.add(h + ":127.0.0.1")));
      hosts.addAll(config.extraHosts());
      List<Integer> ports = new ArrayList<>();
      services.forEach(s -> s.ports().stream().filter(p -> !ports.contains(p)).forEach(ports::add));
      Map<String, String> ownerLabels = new LinkedHashMap<>(labels);
      ownerLabels.put(LABEL + "type", "pod");
      List<PullPolicy> ifNotPresent = List.of(PullPolicy.IF_NOT_PRESENT);
      return new ContainerPlan(name, config.podOwnerImage(),
          new PullPolicyDecision(ifNotPresent, PullPolicyDecision.Source.RUNNER_DEFAULT, ifNotPresent, ifNotPresent),
          List.of(), List.of("sh", "-c", "trap 'exit 0' TERM INT; while :; do sleep 1; done"), false, "", "",
          List.of(), ownerLabels, List.of(), new NetworkPlan(NetworkPlan.DEFAULT_BRIDGE, List.of(), List.of(),
              config.dns(), config.dnsSearch(), hosts), ports);
    }

    /**
     * The job's own container: the runner's pull policies, the image's entrypoint override and user,
     * {@code privileged}, on the job's network as {@code build}, or linked to every service on the bridge.
     */
    private ContainerPlan jobContainer(String image, List<Variable> jobVariables, @Nullable String networkName,
        String buildsVolume, List<ServicePlan> services, @Nullable String owner) {
      String name = projectUniqueName() + "-" + instanceId + "-build";
      Map<String, String> jobLabels = new LinkedHashMap<>(labels);
      jobLabels.put(LABEL + "type", "build");
      List<ServiceLink> links = new ArrayList<>();
      if (networkName == null && owner == null) {
        services.forEach(s -> s.hostnames().forEach(h -> links.add(new ServiceLink(s.containerName(), h))));
      }
      NetworkPlan network = owner != null ? NetworkPlan.joining(owner)
          : networkName == null ? network(NetworkPlan.DEFAULT_BRIDGE, List.of(), links)
          : network(networkName, List.of("build", name), List.of());
      return new ContainerPlan(name, image, PullPolicyDecision.decide(List.of(), config),
          job.image().map(ImageSpec::entrypoint).orElse(List.of()), List.of(), config.privileged(),
          job.image().map(ImageSpec::user).orElse(""), projectDir, oneEntryPerKey(jobVariables), jobLabels,
          mounts(buildsVolume), network, List.of(),
          config.docker().forJob().withPlatform(job.image().map(ImageSpec::platform).orElse("")));
    }

    /** The builds volume at {@code /builds}; with a bind-mounted workspace, the directory at {@code CI_PROJECT_DIR}. */
    private List<VolumeMount> mounts(String buildsVolume) {
      VolumeMount builds = new VolumeMount(buildsVolume, JobPlan.BUILDS_DIR);
      Path workspace = gitStrategy.skipsCheckout() ? null : job.workspace().orElse(null);
      return workspace != null && job.workspaceMode() == WorkspaceMode.BIND_MOUNT
          ? List.of(builds, new VolumeMount(workspace.toString(), projectDir))
          : List.of(builds);
    }

    private NetworkPlan network(String name, List<String> aliases, List<ServiceLink> links) {
      return new NetworkPlan(name, aliases, links, config.dns(), config.dnsSearch(), config.extraHosts());
    }

    /** Empty when {@code wait_for_services_timeout} is negative (no health check), else the timeout (30 s for 0). */
    private @Nullable Duration healthCheckTimeout() {
      return config.servicesHealthCheckTimeout().orElse(null);
    }

    /**
     * GitLab's server expands the variables it knows (all but those the runner sets) before the
     * runner sees them; the runner's single pass follows.
     */
    private List<Variable> serverPass(List<Variable> all) {
      List<Variable> known = all.stream().filter(v -> !v.internal()).toList();
      Variables.Expanded server = Variables.sortAndExpand(known);
      server.cycleError().ifPresent(e -> warnings.add(e + "; these variables reach the job unexpanded"));
      List<Variable> merged = new ArrayList<>(all.size());
      int next = 0;
      for (Variable v : all) {
        merged.add(v.internal() ? v : server.variables().get(next++));
      }
      return merged;
    }

    private void undefined(String name, String where) {
      if (VARIABLE_NAME.matcher(name).matches()) {
        undefined.putIfAbsent(name, where);
      }
    }

    private void undefinedWarnings() {
      undefined.forEach((name, where) -> warnings.add("variable \"" + name + "\" (used in " + where
          + ") is not defined, so it expands to an empty string; define it in variables: or as a project variable"));
    }

    /**
     * The masker of this job: every masked variable's value as written and as expanded, job and
     * service variables alike. A masked value GitLab could not mask is a plan error that does not
     * show the value.
     */
    private Masker masker(List<Variable> unexpanded, List<Variable> serverExpanded, List<Variable> expanded) {
      Set<String> keys = new HashSet<>();
      unexpanded.forEach(v -> keys.add(v.key()));
      List<ServiceSpec> specs = new ArrayList<>(config.services());
      specs.addAll(job.services());
      specs.forEach(s -> s.variables().forEach(v -> keys.add(v.key())));
      List<String> values = new ArrayList<>();
      for (int i = 0; i < unexpanded.size(); i++) {
        Variable raw = unexpanded.get(i);
        // a registry credential is masked whatever its flags (RegistrySources.maskCredentials)
        if (raw.masked() || expanded.get(i).masked()) {
          values.add(raw.value());
          values.add(serverExpanded.get(i).value());
          values.add(expanded.get(i).value());
        }
        // GitLab's rule binds what a user marks masked; the runner's own masked values (tokens, auth,
        // registry credentials such as a JSON DOCKER_AUTH_CONFIG) are masked as they are
        if (raw.masked() && !raw.internal() && !RegistryCredentials.holdsSecret(raw.key())) {
          checkMaskable("variables." + raw.key(), raw.value(), expanded.get(i).value(), keys);
        }
      }
      List<String> fields = new ArrayList<>();
      for (int i = 0; i < config.services().size(); i++) {
        fields.add("config.services[" + i + "]");
      }
      for (int i = 0; i < job.services().size(); i++) {
        fields.add("services[" + i + "]");
      }
      for (int i = 0; i < specs.size(); i++) {
        List<Variable> source = new ArrayList<>(expanded);
        source.addAll(specs.get(i).variables());
        for (Variable v : specs.get(i).variables()) {
          if (v.masked()) {
            String value = v.raw() ? v.value() : Variables.expand(v.value(), source);
            values.add(v.value());
            values.add(value);
            if (!v.internal() && !RegistryCredentials.holdsSecret(v.key())) {
              checkMaskable(fields.get(i) + ".variables." + v.key(), v.value(), value, keys);
            }
          }
        }
      }
      return new Masker(values);
    }

    private void checkMaskable(String field, String raw, String expanded, Set<String> keys) {
      Optional<String> problem = Masker.unmaskable(raw, keys).or(() -> Masker.unmaskable(expanded, keys));
      problem.ifPresent(p -> errors.add(PlanError.of(field, Masker.MASKED, "the value cannot be masked: " + p,
          "give it a value GitLab can mask, or do not mark it masked")));
    }

    private List<String> masked(List<String> texts) {
      return texts.stream().map(masker::mask).toList();
    }

    private List<PlanError> maskedErrors(List<PlanError> all) {
      return all.stream().map(e -> new PlanError(e.field(), masker.mask(e.value()), masker.mask(e.message()),
          e.hint().map(masker::mask).orElse(null), masked(e.traceLines()), e.service().orElse(null))).toList();
    }

    private List<SkippedService> maskedSkipped(List<SkippedService> all) {
      return all.stream().map(s -> new SkippedService(s.origin(), masker.mask(s.name()), masker.mask(s.reason())))
          .toList();
    }

    private List<Variable> allVariables(@Nullable String networkName) {
      String namespace = job.projectPath().substring(0, job.projectPath().lastIndexOf('/'));
      String project = job.projectPath().substring(job.projectPath().lastIndexOf('/') + 1);
      List<Variable> all = new ArrayList<>(config.environment());
      all.addAll(List.of(
          Variable.of("CI", "true"),
          Variable.of("GITLAB_CI", "true"),
          Variable.internal("CI_SERVER", "yes"),
          Variable.of("CI_JOB_ID", Long.toString(job.jobId())),
          Variable.of("CI_JOB_NAME", job.name()),
          Variable.of("CI_PROJECT_ID", Long.toString(job.projectId())),
          Variable.of("CI_PROJECT_PATH", job.projectPath()),
          Variable.of("CI_PROJECT_NAMESPACE", namespace),
          Variable.of("CI_PROJECT_NAME", project),
          Variable.internal("CI_BUILDS_DIR", JobPlan.BUILDS_DIR),
          Variable.internal("CI_PROJECT_DIR", projectDir)));
      if (networkName != null) {
        all.add(Variable.internal("CI_BUILD_NETWORK_NAME", networkName));
      }
      all.addAll(job.variables());
      return all;
    }

    private List<Definition> expandDefinitions(List<Variable> variables) {
      List<Definition> definitions = new ArrayList<>();
      List<ServiceSpec> fromConfig = config.services();
      for (int i = 0; i < fromConfig.size(); i++) {
        definitions.add(define(definitions.size(), ServiceOrigin.runnerConfig(i), fromConfig.get(i), variables));
      }
      for (int i = 0; i < job.services().size(); i++) {
        definitions.add(define(definitions.size(), ServiceOrigin.job(i), job.services().get(i), variables));
      }
      return definitions;
    }

    private Definition define(int index, ServiceOrigin origin, ServiceSpec spec, List<Variable> variables) {
      String field = origin.field();
      String name = Variables.expand(spec.name(), variables, n -> undefined(n, field + ".name"));
      List<String> aliases =
          AliasPolicy.split(Variables.expand(spec.alias(), variables, n -> undefined(n, field + ".alias")));
      return new Definition(index, origin, spec, name, aliases);
    }

    private void checkAllowedServices(List<Definition> definitions) {
      if (config.allowedServices().isEmpty()) {
        return;
      }
      List<Glob> globs = config.allowedServices().stream().map(Glob::compile).toList();
      Set<String> configNames = new HashSet<>();
      definitions.stream().filter(Definition::fromConfig).forEach(d -> configNames.add(d.name()));
      for (Definition d : definitions) {
        if (d.fromConfig() || configNames.contains(d.name()) || globs.stream().anyMatch(g -> g.matches(d.name()))) {
          continue;
        }
        List<String> lines = new ArrayList<>();
        lines.add("ERROR: The \"" + d.name() + "\" image is not present on list of allowed services:");
        config.allowedServices().forEach(p -> lines.add("- " + p));
        lines.add(ALLOWED_IMAGES_DOCS);
        errors.add(new PlanError(d.field() + ".name", d.name(), "disallowed image",
            "use an image matching allowed_services " + config.allowedServices()
                + ", or add a pattern for it to RunnerConfig.allowedServices", lines, d.origin()));
      }
    }

    /**
     * {@code allowed_images} (§8.3's rule for images): the job's own image, expanded, must match a glob;
     * the runner's {@code image} is always allowed.
     */
    private void checkAllowedImage(String image) {
      if (config.allowedImages().isEmpty() || image.equals(config.defaultImage())
          || config.allowedImages().stream().map(Glob::compile).anyMatch(g -> g.matches(image))) {
        return;
      }
      List<String> lines = new ArrayList<>();
      lines.add("ERROR: The \"" + image + "\" image is not present on list of allowed images:");
      config.allowedImages().forEach(p -> lines.add("- " + p));
      lines.add(ALLOWED_IMAGES_DOCS);
      errors.add(new PlanError("image.name", image, "disallowed image", "use an image matching allowed_images "
          + config.allowedImages() + ", or add a pattern for it to RunnerConfig.allowedImages", lines, null));
    }

    private void checkServicesLimit(List<Definition> definitions) {
      config.servicesLimit().ifPresent(limit -> {
        if (definitions.size() > limit) {
          errors.add(PlanError.of("services", Integer.toString(definitions.size()),
              "too many services requested: " + definitions.size() + ", only " + limit + " allowed",
              "remove services, or raise RunnerConfig.servicesLimit"));
        }
      });
    }

    private void rejectName(Definition d) {
      String problem = ImageRef.problem(d.name());
      if (d.userAliases().isEmpty()) {
        // GitLab Runner skips such a service without a word; a warning says what happened instead.
        skipped.add(new SkippedService(d.origin(), d.name(), problem));
        warnings.add("Skipping service \"" + d.name() + "\" (services[" + d.index() + "]): " + problem);
      } else {
        errors.add(PlanError.of(d.origin(), "name", d.name(), "invalid service image name: " + d.name(), problem));
      }
    }

    private ServicePlan planService(Definition d, ImageRef image, List<Variable> variables, Set<String> inUse,
        String kubernetesName, int position, @Nullable String networkName, String buildsVolume,
        @Nullable String owner) {
      for (String alias : d.userAliases()) {
        // in a pod the host aliases decide, with the Kubernetes executor's error below
        if (owner == null && !AliasPolicy.isHostname(alias)) {
          errors.add(PlanError.of(d.origin(), "alias", alias, "invalid service alias: " + alias,
              "an alias is a hostname: letters, digits, '-', '_' and '.', e.g. \"" + suggestHostname(alias) + "\""));
        }
      }
      PullPolicyDecision pull = PullPolicyDecision.decide(d.spec().pullPolicies(), config);
      pull.error(image.pullName()).ifPresent(message -> errors.add(PlanError.of(d.origin(), "pull_policy",
          PullPolicy.format(pull.requested()), message,
          "request one of " + PullPolicy.format(pull.allowed()) + ", or allow it in RunnerConfig.allowedPullPolicies")));

      for (String alias : d.userAliases()) {
        if (masker.reveals(alias)) {
          errors.add(PlanError.of(d.origin(), "alias", alias, "a hostname cannot hold a masked value",
              "every container of the job sees its hostnames, unmasked; use a public variable or a plain alias"));
        }
      }
      if (masker.reveals(d.name())) {
        warnings.add(d.field() + ".name holds a masked value: the trace, plan, container name and labels show it "
            + "as " + Masker.MASKED + ", but the engine gets the image name in clear");
      }
      List<String> hostnames = new ArrayList<>();
      for (String alias : AliasPolicy.candidates(d.name(), d.userAliases())) {
        if (masker.reveals(alias)) {
          continue;
        }
        if (inUse.add(alias)) {
          hostnames.add(alias);
        } else {
          warnings.add(AliasPolicy.skippingAliasWarning(alias, d.name(), d.index()));
        }
      }

      int jobPart = (int) variables.stream().filter(Variable::reachesServices).count();
      List<Variable> environment = environment(d, variables);
      HealthCheckRule health = healthCheck(d, environment, jobPart, owner != null);
      Optional<String> kubernetesPort = d.spec().variables().stream()
          .filter(v -> v.key().equals(HealthCheckRule.VARIABLE)).map(Variable::value).reduce((first, last) -> last);
      if (owner != null && kubernetesPort.isPresent()) {
        try {
          HealthCheckRule.parsePort(kubernetesPort.get());
        } catch (IllegalArgumentException e) {
          warnings.add(d.field() + ".variables." + HealthCheckRule.VARIABLE + " \"" + kubernetesPort.get() + "\" of "
              + d.name() + " is not a TCP port: in a pod the Kubernetes executor's health check dials it until the job"
              + " times out (" + GoDuration.format(job.timeout()) + "); set it to the port the service listens on,"
              + " 1 to 65535");
        }
      }

      List<String> entrypoint = d.spec().entrypoint();
      if (!entrypoint.isEmpty() && config.disableEntrypointOverwrite()) {
        warnings.add("Entrypoint override disabled");
        entrypoint = List.of();
      }
      Optional<String> hostAliasProblem = d.userAliases().stream()
          .map(a -> AliasPolicy.hostAliasProblem(a, d.name())).flatMap(Optional::stream).findFirst();
      if (owner != null && hostAliasProblem.isPresent()) {
        String invalid = d.userAliases().stream()
            .filter(a -> AliasPolicy.hostAliasProblem(a, d.name()).isPresent()).findFirst().orElse("");
        errors.add(PlanError.of(d.origin(), "alias", invalid, hostAliasProblem.get(),
            "in a pod every alias is a host alias: lower-case letters, digits, '-' and '.', e.g. \""
                + AliasPolicy.suggestLabel(invalid) + "\""));
      }

      Map<String, String> serviceLabels = new LinkedHashMap<>(labels);
      serviceLabels.put(LABEL + "type", "service");
      serviceLabels.put(LABEL + "service", masker.maskInName(image.service()));
      serviceLabels.put(LABEL + "service.version", masker.maskInName(image.version()));
      String containerName = projectUniqueName() + "-" + instanceId + "-"
          + masker.maskInName(image.service()).replace("/", "__") + "-" + d.index();
      if (masker.reveals(kubernetesName)) {
        kubernetesName = "svc-" + position;
      }
      NetworkPlan network = owner != null ? NetworkPlan.joining(owner)
          : networkName == null ? network(NetworkPlan.DEFAULT_BRIDGE, List.of(), List.of())
          : network(networkName, hostnames, List.of());
      ContainerPlan container = new ContainerPlan(containerName, image.pullName(), pull, entrypoint,
          d.spec().command(), privileged(d.name()), d.spec().user(), "", oneEntryPerKey(environment), serviceLabels,
          List.of(new VolumeMount(buildsVolume, JobPlan.BUILDS_DIR)), network, d.spec().ports(),
          config.docker().forService(image.pullName()).withPlatform(d.spec().platform()));
      return new ServicePlan(d.spec(), d.index(), d.origin(), d.name(), image, d.userAliases(), hostnames,
          kubernetesName, hostAliasProblem,
          hostAliasProblem.isPresent() ? List.of() : AliasPolicy.kubernetesHostAliases(d.name(), d.userAliases()),
          kubernetesPort,
          health, LOG_COLORS.get(position % LOG_COLORS.size()),
          d.spec().waitConditions(), container, masker);
    }

    /**
     * A container's environment with one entry per key, at the key's first position with its last
     * value: a later variable overrides an earlier one (runner-semantics §5: the checkout's predefined
     * variables, then the file's, the rules' and the command line's, then the service's own; the
     * Kubernetes executor's {@code buildVariables} keeps that position too), so a container and its
     * {@code docker run} get each key once, with the value the engine would have let win.
     */
    static List<Variable> oneEntryPerKey(List<Variable> environment) {
      Map<String, Integer> position = new HashMap<>();
      List<Variable> distinct = new ArrayList<>(environment.size());
      for (Variable v : environment) {
        Integer at = position.putIfAbsent(v.key(), distinct.size());
        if (at == null) {
          distinct.add(v);
        } else {
          distinct.set(at, v);
        }
      }
      return distinct;
    }

    /** Public and internal job variables, then the service's own, each expanded once. */
    private List<Variable> environment(Definition d, List<Variable> variables) {
      ServiceSpec spec = d.spec();
      List<Variable> environment = new ArrayList<>();
      for (Variable v : toContainerValues(variables)) {
        if (v.reachesServices()) {
          environment.add(v);
        }
      }
      List<Variable> source = new ArrayList<>(variables);
      source.addAll(spec.variables());
      for (Variable v : spec.variables()) {
        environment.add(v.raw() ? v
            : v.withValue(Variables.expand(v.value(), source, n -> undefined(n, d.field() + ".variables." + v.key()))));
      }
      return environment;
    }

    /**
     * The Docker executor's rule; its error only outside a pod, where the Kubernetes executor's rule
     * runs instead (its bad value is a warning, see {@code planService}).
     */
    private HealthCheckRule healthCheck(Definition d, List<Variable> environment, int jobPart, boolean pod) {
      List<String> entries = environment.stream().map(Variable::toEnvEntry).toList();
      try {
        return HealthCheckRule.fromEnvironment(entries);
      } catch (IllegalArgumentException e) {
        if (pod) {
          return HealthCheckRule.exposedPorts();
        }
        int at = 0;
        while (!environment.get(at).key().equalsIgnoreCase(HealthCheckRule.VARIABLE)) {
          at++;
        }
        Variable offending = environment.get(at);
        String hint = "set " + HealthCheckRule.VARIABLE + " to the TCP port the service listens on, 1 to 65535";
        errors.add(at < jobPart
            ? new PlanError("variables." + offending.key(), offending.value(), String.valueOf(e.getMessage()), hint, List.of(), d.origin())
            : PlanError.of(d.origin(), "variables." + offending.key(), offending.value(), String.valueOf(e.getMessage()), hint));
        return HealthCheckRule.exposedPorts();
      }
    }

    private boolean privileged(String name) {
      return config.servicesPrivileged() && (config.allowedPrivilegedServices().isEmpty()
          || config.allowedPrivilegedServices().stream().anyMatch(g -> Glob.compile(g).matches(name)));
    }

    /** File variables reach containers as the path of a file in {@code <CI_PROJECT_DIR>.tmp}. */
    private List<Variable> toContainerValues(List<Variable> variables) {
      return variables.stream().map(v -> v.file() ? v.withValue(filePath(v)) : v).toList();
    }

    private Map<String, String> fileContents(List<Variable> variables) {
      Map<String, String> files = new LinkedHashMap<>();
      variables.stream().filter(Variable::file).forEach(v -> files.put(filePath(v), v.value()));
      return files;
    }

    private String filePath(Variable v) {
      return projectDir + ".tmp/" + v.key();
    }

    private String projectUniqueName() {
      return Names.rfc1123("runner-" + token + "-project-" + job.projectId() + "-concurrent-0");
    }

    private static String suggestHostname(String alias) {
      String s = alias.replaceAll("[^A-Za-z0-9._-]", "-").replaceAll("^[-.]+|[-.]+$", "");
      return s.isEmpty() ? "db" : s;
    }
  }
}
