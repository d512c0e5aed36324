package dev.ciservices.kubernetes.internal;

import dev.ciservices.JobEvent;
import dev.ciservices.JobPlan;
import dev.ciservices.RunningService;
import dev.ciservices.RunningServices;
import dev.ciservices.ServiceEndpoint;
import dev.ciservices.ServiceNotReadyException;
import dev.ciservices.ServicePlan;
import dev.ciservices.ServiceStartException;
import dev.ciservices.ServicesException;
import dev.ciservices.StartOptions;
import dev.ciservices.internal.MaskedFailures;
import dev.ciservices.internal.Masker;
import dev.ciservices.kubernetes.ServiceAccess;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.LocalPortForward;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * One start of a plan's services in a job pod, in the runner's order: the effective pull policies,
 * the pull secret, the pod, the wait for Running with the runner's messages, the health check of the
 * services that set {@code HEALTHCHECK_TCP_PORT} (a failure fails the job), then the service logs
 * for {@code CI_DEBUG_SERVICES}. Whatever fails, throws or is interrupted, the pod and its secret are
 * deleted.
 */
final class PodRun {
  private static final String SUFFIX_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int NAME_PREFIX_MAX = 54;

  private final PodSession session;
  private final KubernetesClient client;
  private final String namespace;
  private final JobPlan plan;
  private final StartOptions options;
  private final Trace trace;
  private final JobPod jobPod;
  private final PodResources resources;
  private final PullSecrets pullSecrets;

  PodRun(PodSession session, JobPlan plan, StartOptions options, PullSecrets pullSecrets) {
    this.session = session;
    this.client = session.client();
    this.namespace = session.namespace();
    this.plan = plan;
    this.options = options;
    this.trace = new Trace(options.listener(), Masker.of(plan));
    // MASKING OF REGISTRY CREDENTIALS, backend side (see RegistrySources for the plan side): the
    // passwords and auth strings inside DOCKER_AUTH_CONFIG, masked from the start
    trace.addSecrets(dev.ciservices.registry.RegistryAuth.knownSecrets(plan.registryCredentials()));
    this.jobPod = new JobPod(plan, session.config(), trace::masker);
    this.resources = new PodResources(client, namespace, session.config().cleanupGracePeriodSeconds().orElse(null));
    this.pullSecrets = pullSecrets;
  }

  Trace trace() {
    return trace;
  }

  /**
   * {@code <ProjectUniqueName cut to 54>-<8 random [a-z0-9]>}: a new name for every pod, every
   * masked value in it replaced by {@code masked} before the cut.
   */
  static String podName(JobPlan plan) {
    return podName(plan, Masker.of(plan));
  }

  static String podName(JobPlan plan, Masker masker) {
    String prefix = masker.maskInName(plan.projectUniqueName());
    if (prefix.length() > NAME_PREFIX_MAX) {
      prefix = prefix.substring(0, NAME_PREFIX_MAX);
    }
    StringBuilder name = new StringBuilder(prefix).append('-');
    for (int i = 0; i < 8; i++) {
      name.append(SUFFIX_CHARS.charAt(RANDOM.nextInt(SUFFIX_CHARS.length())));
    }
    return name.toString();
  }

  /**
   * Starts the pod and returns its services' handle; on any failure, everything is deleted first,
   * and the exception leaves masked (its message and every cause's: fabric8's can echo the request
   * it refused, the pod's environment or the secret's data included).
   */
  PodServices start() {
    plan.requireValid();
    try {
      return startPod();
    } catch (RuntimeException e) {
      boolean interrupted = Thread.interrupted();
      removeQuietly();
      if (interrupted) {
        Thread.currentThread().interrupt();
        throw masked(new ServicesException("interrupted while starting the services of job " + plan.instanceId()
            + "; everything created was removed", e));
      }
      throw masked(e);
    } catch (Error e) {
      removeQuietly();
      throw e;
    } catch (InterruptedException e) {
      removeQuietly();
      Thread.currentThread().interrupt();
      throw masked(new ServicesException("interrupted while starting the services of job " + plan.instanceId()
          + "; everything created was removed", e));
    }
  }

  private RuntimeException masked(RuntimeException e) {
    return MaskedFailures.mask(e, trace.masker());
  }

  private void removeQuietly() {
    resources.removeAll().forEach(trace::error);
  }

  private PodServices startPod() throws InterruptedException {
    for (ServicePlan service : plan.services()) {
      Optional<String> problem = service.kubernetesHostAliasProblem();
      if (problem.isPresent()) {
        throw new ServiceStartException(prepareError("setting up build pod: " + problem.get()));
      }
    }
    trace.line("Using Kubernetes namespace: " + namespace);
    trace.line("Using Kubernetes executor with image " + jobPod.buildImage() + " ...");
    plan.warnings().forEach(trace::warning);
    jobPod.dnsPolicyWarning().ifPresent(trace::warning);
    trace.line(JobPod.pullPolicyLine(plan.jobPullPolicy(), JobPod.BUILD));
    trace.line(JobPod.pullPolicyLine(plan.jobPullPolicy(), JobPod.HELPER));
    List<ServicePlan> services = JobPod.podOrder(plan);
    for (ServicePlan service : services) {
      trace.line(JobPod.pullPolicyLine(service.pullPolicy(), service.kubernetesName()));
    }

    String name = podName(plan, trace.masker());
    Optional<Secret> secret = pullSecrets.secret(plan, name, namespace, labelsOf(name), trace);
    if (secret.isPresent()) {
      try {
        client.secrets().inNamespace(namespace).resource(secret.get()).create();
      } catch (KubernetesClientException e) {
        throw new ServiceStartException(prepareError("setting up credentials: " + e.getMessage()), e);
      }
      resources.setSecret(name);
    }
    Pod pod = jobPod.build(name, namespace, secret.isPresent() ? name : null, session.ownerLabels());
    Pod created;
    try {
      created = client.pods().inNamespace(namespace).resource(pod).create();
    } catch (KubernetesClientException e) {
      throw new ServiceStartException(prepareError("setting up build pod: " + e.getMessage()), e);
    }
    resources.setPod(name);
    for (ServicePlan service : services) {
      trace.event(new JobEvent.ServiceCreated(Instant.now(), service, name + "/" + service.kubernetesName()));
    }
    if (secret.isPresent()) {
      setOwner(name, created);
    }

    Pod running = waitForRunning(name);
    for (ServicePlan service : services) {
      trace.event(new JobEvent.ServiceStarted(Instant.now(), service, name + "/" + service.kubernetesName()));
    }
    healthCheck(name, services);
    if (plan.debugServices()) {
      for (ServicePlan service : services) {
        String prefix = service.logColor() + "[service:" + service.logName() + "] ";
        resources.addStream(PodLogs.follow(client, namespace, name, service.kubernetesName(), line -> {
          trace.line(prefix + line + Trace.RESET);
          trace.event(new JobEvent.ServiceLogLine(Instant.now(), service, trace.mask(line)));
        }));
      }
    }
    List<RunningService> handles = new ArrayList<>();
    for (ServicePlan service : plan.services()) {
      handles.add(new PodService(service, name + "/" + service.kubernetesName(), endpoints(service, running)));
    }
    return new PodServices(plan, handles, resources, trace, name);
  }

  private Map<String, String> labelsOf(String podName) {
    return jobPod.labels(podName, session.ownerLabels());
  }

  private void setOwner(String podName, Pod created) {
    try {
      client.secrets().inNamespace(namespace).withName(podName).edit(s -> {
        s.getMetadata().setOwnerReferences(List.of(new OwnerReferenceBuilder().withApiVersion("v1").withKind("Pod")
            .withName(podName).withUid(created.getMetadata().getUid()).build()));
        return s;
      });
    } catch (KubernetesClientException e) {
      throw new ServiceStartException("error setting ownerReferences: " + e.getMessage(), e);
    }
  }

  /**
   * Fetches the pod up to {@code poll_timeout / poll_interval + 1} times until it runs and {@code
   * build} is ready, printing the runner's waiting lines; fails on a terminal container error.
   */
  private Pod waitForRunning(String name) throws InterruptedException {
    long interval = session.config().pollInterval().toMillis();
    long attempts = session.config().pollTimeout().toMillis() / interval + 1;
    String phase = "Pending";
    for (long i = 0; i < attempts; i++) {
      Pod pod = client.pods().inNamespace(namespace).withName(name).get();
      if (pod == null) {
        throw new ServiceStartException(prepareError("waiting for pod running: pod \"" + namespace + "/" + name
            + "\" is deleted"));
      }
      phase = pod.getStatus() == null || pod.getStatus().getPhase() == null ? "Pending" : pod.getStatus().getPhase();
      if ("Running".equals(phase) && buildReady(pod)) {
        return pod;
      }
      if ("Succeeded".equals(phase)) {
        throw new ServiceStartException(prepareError("waiting for pod running: pod already succeeded before it begins running"));
      }
      if ("Failed".equals(phase)) {
        throw new ServiceStartException(prepareError("waiting for pod running: pod status is failed"));
      }
      Optional<ServicesException> problem = ContainerProblems.terminal(pod);
      if (problem.isPresent()) {
        ServicesException e = problem.get();
        String message = prepareError("waiting for pod running: " + e.getMessage());
        throw e instanceof dev.ciservices.ImagePullException ? new dev.ciservices.ImagePullException(message, e)
            : new ServiceStartException(message, e);
      }
      String node = pod.getSpec() == null || pod.getSpec().getNodeName() == null ? "<unknown>"
          : pod.getSpec().getNodeName();
      StringBuilder line = new StringBuilder("Waiting for pod " + namespace + "/" + name + " to be running on the node "
          + node + ", status is " + phase);
      if (session.config().printPodWarningEvents() && pod.getStatus() != null && pod.getStatus().getConditions() != null) {
        for (PodCondition c : pod.getStatus().getConditions()) {
          if (c.getReason() != null && !c.getReason().isEmpty()) {
            line.append("\n\t").append(c.getReason()).append(": \"").append(c.getMessage() == null ? "" : c.getMessage())
                .append('"');
          }
        }
      }
      line.toString().lines().forEach(trace::line);
      Thread.sleep(interval);
    }
    throw new ServiceStartException(prepareError("waiting for pod running: timed out waiting for pod to start (last phase: "
        + phase + ")"));
  }

  static String prepareError(String error) {
    return "prepare environment: " + error
        + ". Check https://docs.gitlab.com/runner/shells/index.html#shell-profile-loading for more information.";
  }

  private static boolean buildReady(Pod pod) {
    if (pod.getStatus().getContainerStatuses() == null) {
      return false;
    }
    for (ContainerStatus s : pod.getStatus().getContainerStatuses()) {
      if (JobPod.BUILD.equals(s.getName())) {
        return Boolean.TRUE.equals(s.getReady());
      }
    }
    return false;
  }

  /**
   * The runner's Kubernetes health check: only services whose own variables set {@code
   * HEALTHCHECK_TCP_PORT}, one {@code --port '<value>'} each in pod order, run by the helper in the
   * {@code helper} container; every container is supervised meanwhile, and any failure fails the job.
   */
  private void healthCheck(String pod, List<ServicePlan> services) throws InterruptedException {
    List<ServicePlan> checked = new ArrayList<>();
    StringBuilder command = new StringBuilder("gitlab-runner-helper health-check");
    for (ServicePlan service : services) {
      Optional<String> port = service.kubernetesHealthCheckPort();
      if (port.isPresent()) {
        checked.add(service);
        command.append(" --port '").append(port.get()).append('\'');
      }
    }
    if (checked.isEmpty()) {
      return;
    }
    long started = System.nanoTime();
    long deadline = started + plan.timeout().toNanos();
    List<String> all = new ArrayList<>();
    all.add(JobPod.BUILD);
    all.add(JobPod.HELPER);
    services.forEach(s -> all.add(s.kubernetesName()));
    HealthCheckWatch watch = new HealthCheckWatch(client, namespace, pod, all, session.config().pollInterval());
    OptionalInt exit;
    try {
      watch.start();
      exit = PodExec.run(client, namespace, pod, JobPod.HELPER, command.toString(), trace::line, deadline,
          watch::problem);
    } finally {
      watch.stop();
    }
    Optional<String> aborted = watch.problem();
    if (aborted.isPresent()) {
      String message = "Health check aborted due to error:  " + aborted.get();
      trace.line(message);
      checked.forEach(s -> trace.event(new JobEvent.ServiceNotReady(Instant.now(), s, aborted.get())));
      throw new ServiceNotReadyException(message);
    }
    if (exit.isEmpty() || exit.getAsInt() != 0) {
      String reason = exit.isEmpty() ? "the job timed out" : "command terminated with exit code " + exit.getAsInt();
      checked.forEach(s -> trace.event(new JobEvent.ServiceNotReady(Instant.now(), s, reason)));
      throw new ServiceNotReadyException("health check failed: " + reason);
    }
    java.time.Duration took = java.time.Duration.ofNanos(System.nanoTime() - started);
    checked.forEach(s -> trace.event(new JobEvent.ServiceReady(Instant.now(), s, took)));
  }

  private Map<Integer, ServiceEndpoint> endpoints(ServicePlan service, Pod running) {
    Map<Integer, ServiceEndpoint> endpoints = new LinkedHashMap<>();
    ServiceAccess access = session.access();
    if (access == ServiceAccess.AUTO) {
      access = System.getenv("KUBERNETES_SERVICE_HOST") != null ? ServiceAccess.POD_IP : ServiceAccess.PORT_FORWARD;
    }
    for (int port : service.ports()) {
      if (access == ServiceAccess.POD_IP) {
        @Nullable String ip = running.getStatus().getPodIP();
        if (ip != null && !ip.isEmpty()) {
          endpoints.put(port, new ServiceEndpoint(ip, port));
        }
      } else {
        LocalPortForward forward = client.pods().inNamespace(namespace).withName(running.getMetadata().getName())
            .portForward(port);
        resources.addStream(forward);
        endpoints.put(port, new ServiceEndpoint("127.0.0.1", forward.getLocalPort()));
      }
    }
    return endpoints;
  }
}
