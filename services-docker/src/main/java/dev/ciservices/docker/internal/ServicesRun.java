package dev.ciservices.docker.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import dev.ciservices.HealthCheckRule;
import dev.ciservices.JobEvent;
import dev.ciservices.JobPlan;
import dev.ciservices.NotReadyPolicy;
import dev.ciservices.ReadinessProbe;
import dev.ciservices.RunningService;
import dev.ciservices.RunningServices;
import dev.ciservices.ServiceEndpoint;
import dev.ciservices.ServiceNotReadyException;
import dev.ciservices.ServicePlan;
import dev.ciservices.ServiceStartException;
import dev.ciservices.ServicesException;
import dev.ciservices.StartOptions;
import dev.ciservices.WaitCondition;
import java.io.Closeable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.net.http.HttpClient;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One start of a plan's services, in GitLab's order: network and builds volume, then every service
 * (image, create, start) in parallel, log capture when {@code CI_DEBUG_SERVICES} is on, then every
 * health check in parallel. Whatever fails, throws or is interrupted, everything created is removed.
 */
final class ServicesRun {
  private static final int LAST_LOG_LINES = 20;
  /** Dialled to decide readiness on a container without exposed ports: a refusal proves the route. */
  private static final int DISCARD_PORT = 9;

  private final DockerClient docker;
  private final Map<String, String> ownerLabels;
  private final DockerBackendSettings settings;
  private final ReadinessChoice readiness;
  private final java.util.function.Supplier<dev.ciservices.EngineInfo> engine;
  private final JobPlan plan;
  private final StartOptions options;
  private final Trace trace;
  private final Resources resources;
  private final ExecutorService pool;
  private final HttpClient http;
  private final Runnable onHandleClosed;
  private final AtomicBoolean cancelled = new AtomicBoolean();
  private final List<Closeable> followers = new ArrayList<>();
  private final Map<String, Long> startedAt = new ConcurrentHashMap<>();
  /** The pod's namespace owner ({@link dev.ciservices.NetworkMode#POD}), once started. */
  private @org.jspecify.annotations.Nullable String owner;

  /**
   * @param onHandleClosed run once when the returned handle is closed or kept: the release of the
   *     backend use that {@code DockerBackend.start} took ({@code run} releases its own use itself)
   */
  ServicesRun(RunContext run, Runnable onHandleClosed) {
    this.docker = run.docker();
    this.ownerLabels = run.ownerLabels();
    this.settings = run.settings();
    this.readiness = run.readiness();
    this.engine = run.engine();
    this.plan = run.plan();
    this.options = run.options();
    this.trace = run.trace();
    this.pool = run.pool();
    this.http = run.http();
    this.onHandleClosed = onHandleClosed;
    // the clean-up (and its shutdown hook) exists before the first resource does
    this.resources = new Resources(docker, pool, plan.instanceId());
  }

  RunningServices start() {
    try {
      plan.requireValid();
    } catch (RuntimeException e) {
      resources.keep();
      throw e;
    }
    try {
      return startAll();
    } catch (InterruptedException e) {
      String removed = abandon();
      Thread.currentThread().interrupt();
      throw new ServicesException("interrupted while starting the services of job " + plan.instanceId() + removed, e);
    } catch (RuntimeException e) {
      // docker-java reports an interrupt during a call as a cancellation, not as InterruptedException
      boolean interrupted = Thread.interrupted() || e instanceof java.util.concurrent.CancellationException;
      String removed = abandon();
      if (interrupted) {
        Thread.currentThread().interrupt();
        throw new ServicesException("interrupted while starting the services of job " + plan.instanceId() + removed,
            e);
      }
      throw options.keepOnFailure() ? withKeptNote(e) : e;
    } catch (Error e) {
      abandon();
      throw e;
    }
  }

  /** The same failure, its message saying where the kept containers are. */
  private RuntimeException withKeptNote(RuntimeException e) {
    String message = e.getMessage() + "\n" + keptNote();
    if (e instanceof ServiceNotReadyException) {
      return new ServiceNotReadyException(message, e);
    }
    if (e instanceof ServiceStartException) {
      return new ServiceStartException(message, e);
    }
    if (e instanceof dev.ciservices.ImagePullException) {
      return new dev.ciservices.ImagePullException(message, e);
    }
    return new ServicesException(message, e);
  }

  private String keptNote() {
    return keptNote(plan.instanceId());
  }

  /** Where kept containers are, and when they go. */
  static String keptNote(String instanceId) {
    return "Keeping the containers of job " + instanceId + " for debugging; list them with: docker ps -a"
        + " --filter label=dev.ciservices.job.instance=" + instanceId
        + " (they are removed by the next run once this JVM has exited)";
  }

  /** Stops everything; returns what was removed, as {@code ; removed ...}, or the kept note's mention. */
  private String abandon() {
    cancelled.set(true);
    followers.forEach(f -> {
      try {
        f.close();
      } catch (Exception ignored) {
        // closing a log stream of a job that failed: nothing more to do
      }
    });
    if (options.keepOnFailure()) {
      resources.keep();
      trace.line(keptNote());
      return "; its containers were kept";
    }
    return Removed.describe(resources.removeAll());
  }

  private RunningServices startAll() throws InterruptedException {
    plan.warnings().forEach(trace::warning);
    Map<String, String> labels = new LinkedHashMap<>(plan.labels());
    labels.putAll(ownerLabels);
    String network = plan.networkName().orElse(null);
    if (network != null) {
      resources.setNetwork(docker.createNetworkCmd().withName(network).withDriver("bridge").withLabels(labels)
          .withCheckDuplicate(true).exec().getId());
    }
    docker.createVolumeCmd().withName(plan.buildsVolume()).withLabels(labels).exec();
    resources.setVolume(plan.buildsVolume());

    ImagePuller puller = new ImagePuller(docker, trace, pool, plan.registryCredentials(),
        dev.ciservices.registry.RegistryAuth.helpers(plan.registryCredentials()));
    // Until AUTO is decided (on the first service's address), the checked ports are published too.
    boolean publish = readiness.current().probe() != ReadinessProbe.CONTAINER_ADDRESS;
    if (plan.namespaceOwner().isPresent()) {
      owner = startNamespaceOwner(puller, publish);
    }
    List<CompletableFuture<String>> starts = new ArrayList<>();
    for (ServicePlan service : plan.services()) {
      starts.add(puller.ensure(service.pullImage(), service.pullPolicy())
          .thenApplyAsync(ignored -> createAndStart(service, publish), pool));
    }
    List<String> ids = awaitAll(starts);
    trace.event(new JobEvent.EngineUsed(Instant.now(), engine.get()));

    if (plan.debugServices()) {
      for (int i = 0; i < ids.size(); i++) {
        ServicePlan service = plan.services().get(i);
        String prefix = service.logColor() + "[service:" + service.logName() + "] ";
        followers.add(ContainerLogs.follow(docker, ids.get(i), trace.masker(), line -> {
          trace.line(prefix + line + Trace.RESET);
          trace.event(new JobEvent.ServiceLogLine(Instant.now(), service, trace.mask(line)));
        }));
      }
    }

    if (owner != null) {
      Optional<PodHealthCheck.Failure> failure = new PodHealthCheck(docker, plan, trace,
          readiness.current().probe() == ReadinessProbe.PUBLISHED_PORT, settings.endpointHost(), cancelled::get)
          .run(ids, owner);
      if (failure.isPresent()) {
        podNotReady(failure.get(), ids);
      }
    } else {
      plan.waitingLine().ifPresent(trace::line);
    }
    if (owner == null && plan.healthCheckTimeout().isPresent()) {
      waitForServices(ids, System.nanoTime() + plan.healthCheckTimeout().get().toNanos());
    }

    List<RunningService> running = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      running.add(new DockerService(plan.services().get(i), ids.get(i), endpoints(plan.services().get(i), ids.get(i))));
    }
    return new DockerRunningServices(plan, running, resources, followers, onHandleClosed);
  }

  /**
   * The pod's namespace owner: pulled if not present, created with the hosts entries, DNS and the
   * published ports of the plan (and the health-check ports when readiness uses published ports),
   * started before any service joins it.
   */
  private String startNamespaceOwner(ImagePuller puller, boolean publish) {
    dev.ciservices.ContainerPlan pod = plan.namespaceOwner().orElseThrow();
    try {
      puller.ensure(pod.image(), pod.pullPolicy()).join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
    List<Integer> ports = new ArrayList<>(pod.publishedPorts());
    if (publish) {
      for (String value : PodHealthCheck.ports(plan.services())) {
        try {
          int port = Integer.parseInt(value);
          if (!ports.contains(port)) {
            ports.add(port);
          }
        } catch (NumberFormatException e) {
          // the runner passes the raw value: it never answers, and nothing is published for it
        }
      }
    }
    String id;
    try {
      id = ContainerRequest.of(pod).publishing(ports, settings.publishAddress(), false)
          .create(docker, ownerLabels, List.of()).exec().getId();
    } catch (RuntimeException e) {
      throw new ServiceStartException("create pod container: " + pod.name() + " from " + pod.image() + ": "
          + Messages.of(e), e);
    }
    if (!resources.addNamespaceOwner(id, pod.name())) {
      throw new CompletionException(new InterruptedException("start cancelled"));
    }
    try {
      docker.startContainerCmd(id).exec();
    } catch (RuntimeException e) {
      throw new ServiceStartException("start pod container: " + pod.name() + " from " + pod.image() + ": "
          + Messages.of(e), e);
    }
    if (readiness.current().probe() == ReadinessProbe.AUTO) {
      decideReadiness(id, pod.network().network());
    }
    return id;
  }

  private String createAndStart(ServicePlan service, boolean publish) {
    if (cancelled.get()) {
      throw new CompletionException(new InterruptedException("start cancelled"));
    }
    List<Integer> toPublish = new ArrayList<>(service.ports());
    // without routable container addresses, readiness is checked on published ports
    if (publish) {
      for (int port : portsToCheck(service)) {
        if (!toPublish.contains(port)) {
          toPublish.add(port);
        }
      }
    }
    CreateContainerCmd create = ContainerRequest.of(service.container())
        .publishing(toPublish, settings.publishAddress(), publish)
        .create(docker, ownerLabels, List.of());
    if (!service.container().settings().macAddress().isEmpty() && !apiAtLeast(engine.get().apiVersion(), 1, 44)) {
      // GitLab Runner sets mac_address on the network endpoint, which needs API 1.44 (§7.2)
      create.withMacAddress("");
      trace.warning("mac_address is configured, but the Docker daemon's API version is older than 1.44; it cannot be"
          + " applied to this container");
    }
    String id;
    try {
      id = create.exec().getId();
    } catch (RuntimeException e) {
      throw new ServiceStartException("create service container: " + service.containerName() + " from "
          + service.pullImage() + ": " + Messages.of(e), e);
    }
    if (!resources.addContainer(id, service.containerName())) {
      throw new CompletionException(new InterruptedException("start cancelled"));
    }
    trace.event(new JobEvent.ServiceCreated(Instant.now(), service, id));
    trace.line(service.startingLine());
    try {
      docker.startContainerCmd(id).exec();
    } catch (RuntimeException e) {
      throw new ServiceStartException("start service container: " + service.containerName() + " from "
          + service.pullImage() + ": " + Messages.of(e), e);
    }
    startedAt.put(id, System.nanoTime());
    trace.event(new JobEvent.ServiceStarted(Instant.now(), service, id));
    if (readiness.current().probe() == ReadinessProbe.AUTO && owner == null) {
      decideReadiness(id, service.container().network().network());
    }
    return id;
  }

  /**
   * The ports readiness needs besides the image's exposed ones (published with them): {@code
   * HEALTHCHECK_TCP_PORT} from the service's variables or the image's environment, and the ports of
   * HTTP wait conditions.
   */
  private List<Integer> portsToCheck(ServicePlan service) {
    List<Integer> ports = new ArrayList<>();
    Integer explicit = service.healthCheck().explicitPort();
    if (explicit == null) {
      var imageConfig = docker.inspectImageCmd(service.pullImage()).exec().getConfig();
      String[] imageEnv = imageConfig == null ? null : imageConfig.getEnv();
      explicit = HealthCheckRule.fromEnvironment(imageEnv == null ? List.of() : List.of(imageEnv)).explicitPort();
    }
    if (explicit != null) {
      ports.add(explicit);
    }
    for (WaitCondition condition : service.waitConditions()) {
      if (condition instanceof WaitCondition.Http http) {
        ports.add(http.port());
      }
    }
    return ports;
  }

  /** Decides AUTO on the first started service's address (see {@link ReadinessChoice#decideOn}). */
  private void decideReadiness(String id, String network) {
    var inspected = docker.inspectContainerCmd(id).exec();
    var networks = inspected.getNetworkSettings().getNetworks();
    // the default bridge is "bridge" to Docker and "podman" to Podman: any one network will do
    var endpoint = networks.get(network);
    if (endpoint == null && !networks.isEmpty()) {
      endpoint = networks.values().iterator().next();
    }
    if (endpoint == null || endpoint.getIpAddress() == null || endpoint.getIpAddress().isEmpty()) {
      return;
    }
    ExposedPort[] exposed = inspected.getConfig().getExposedPorts();
    int port = exposed != null && exposed.length > 0 ? exposed[0].getPort() : DISCARD_PORT;
    readiness.decideOn(endpoint.getIpAddress(), port);
  }

  private void waitForServices(List<String> ids, long deadline) throws InterruptedException {
    Readiness readiness = new Readiness(docker, settings, http,
        this.readiness.current().probe() == ReadinessProbe.PUBLISHED_PORT, cancelled::get);
    List<CompletableFuture<Optional<String>>> checks = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      ServicePlan service = plan.services().get(i);
      String id = ids.get(i);
      checks.add(CompletableFuture.supplyAsync(() -> {
        try {
          Optional<String> problem = readiness.await(service, id, deadline);
          Instant now = Instant.now();
          trace.event(problem.<JobEvent>map(p -> new JobEvent.ServiceNotReady(now, service, trace.mask(p)))
              .orElseGet(() -> new JobEvent.ServiceReady(now, service,
                  Duration.ofNanos(System.nanoTime() - startedAt.getOrDefault(id, System.nanoTime())))));
          return problem;
        } catch (InterruptedException e) {
          throw new CompletionException(e);
        }
      }, pool));
    }
    List<Optional<String>> results = awaitAll(checks);
    List<String> diagnoses = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      Optional<String> problem = results.get(i);
      if (problem.isPresent()) {
        ServicePlan service = plan.services().get(i);
        String logs = trace.mask(ContainerLogs.read(docker, ids.get(i)));
        if (options.notReadyPolicy().in(plan.networkMode()) == NotReadyPolicy.WARN) {
          trace.line(WarningBlock.render(service.containerName(), problem.get(), logs));
        }
        diagnoses.add(trace.mask(diagnosis(service, ids.get(i), problem.get(), logs)));
      }
    }
    if (!diagnoses.isEmpty() && options.notReadyPolicy().in(plan.networkMode()) == NotReadyPolicy.FAIL) {
      throw new ServiceNotReadyException(String.join("\n\n", diagnoses));
    }
  }

  /**
   * The pod's failed health check under the plan's policy: the Kubernetes executor fails the job
   * ({@link NotReadyPolicy#RUNNER}, {@link NotReadyPolicy#FAIL}); an explicit {@link NotReadyPolicy#WARN}
   * prints the Docker executor's warning block for every checked service that did not answer, and goes on.
   */
  private void podNotReady(PodHealthCheck.Failure failure, List<String> ids) {
    if (options.notReadyPolicy().in(plan.networkMode()) != NotReadyPolicy.WARN) {
      throw new ServiceNotReadyException(failure.message());
    }
    for (ServicePlan service : failure.notReady()) {
      String logs = trace.mask(ContainerLogs.read(docker, ids.get(plan.services().indexOf(service))));
      trace.line(WarningBlock.render(service.containerName(), failure.message(), logs));
    }
  }

  private String diagnosis(ServicePlan service, String id, String problem, String logs) {
    String[] lines = logs.split("\n");
    int from = Math.max(0, lines.length - LAST_LOG_LINES);
    return "Service " + service.name() + " (" + service.field() + ", hostnames " + service.hostnames() + ", image "
        + service.pullImage() + ", container " + service.containerName() + " " + id.substring(0, 12)
        + ") probably didn't start properly.\nHealth check error:\n" + problem + "\nService container logs (last "
        + LAST_LOG_LINES + " lines):\n" + String.join("\n", java.util.Arrays.copyOfRange(lines, from, lines.length));
  }

  private Map<Integer, ServiceEndpoint> endpoints(ServicePlan service, String id) {
    Map<Integer, ServiceEndpoint> endpoints = new LinkedHashMap<>();
    if (service.ports().isEmpty()) {
      return endpoints;
    }
    // in a pod, the namespace owner publishes every service's ports
    Map<ExposedPort, Ports.Binding[]> bound = docker.inspectContainerCmd(owner != null ? owner : id).exec()
        .getNetworkSettings().getPorts().getBindings();
    for (int port : service.ports()) {
      Ports.Binding[] bindings = bound.get(ExposedPort.tcp(port));
      if (bindings != null && bindings.length > 0) {
        endpoints.put(port, new ServiceEndpoint(settings.endpointHost(), Integer.parseInt(bindings[0].getHostPortSpec())));
      }
    }
    return endpoints;
  }

  /** Waits for every future; the first failure is rethrown as what it is. */
  private <T> List<T> awaitAll(List<CompletableFuture<T>> futures) throws InterruptedException {
    try {
      CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get();
    } catch (ExecutionException e) {
      cancelled.set(true);
      Throwable direct = e.getCause() != null ? e.getCause() : e;
      Throwable cause = direct instanceof CompletionException && direct.getCause() != null
          ? direct.getCause() : direct;
      if (cause instanceof InterruptedException) {
        throw (InterruptedException) cause;
      }
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      throw new ServicesException(Messages.of(cause), cause);
    } catch (InterruptedException e) {
      cancelled.set(true);
      throw e;
    }
    return futures.stream().map(CompletableFuture::join).toList();
  }

  /** Whether an API version such as {@code 1.41} is at least {@code major.minor}; an unreadable one is not. */
  static boolean apiAtLeast(String version, int major, int minor) {
    String[] parts = version.split("\\.");
    try {
      int ma = Integer.parseInt(parts[0]);
      int mi = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
      return ma > major || (ma == major && mi >= minor);
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
