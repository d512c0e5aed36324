package dev.ciservices.docker.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.ExposedPort;
import dev.ciservices.JobEvent;
import dev.ciservices.JobPlan;
import dev.ciservices.ServicePlan;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The Kubernetes executor's health check in the pod mode ({@link dev.ciservices.NetworkMode#POD}),
 * as its helper runs it: only services whose own variables set {@code HEALTHCHECK_TCP_PORT}, every
 * port on {@code localhost} of the shared namespace (reached from this JVM on the namespace owner's
 * address or its published ports), about once a second, until all answer or the job's timeout. Every
 * container of the pod is supervised meanwhile: one that terminates, even with exit 0, aborts the
 * check. The caller applies the not-ready policy to a failure: by default it fails the start (no
 * warning block, unlike the Docker executor); an explicit {@link dev.ciservices.NotReadyPolicy#WARN}
 * prints the Docker executor's warning block per service that did not answer.
 */
final class PodHealthCheck {
  private static final Duration ATTEMPT_EVERY = Duration.ofSeconds(1);

  private final DockerClient docker;
  private final JobPlan plan;
  private final Trace trace;
  private final boolean viaPublishedPorts;
  private final String endpointHost;
  private final BooleanSupplier cancelled;

  PodHealthCheck(DockerClient docker, JobPlan plan, Trace trace, boolean viaPublishedPorts, String endpointHost,
      BooleanSupplier cancelled) {
    this.docker = docker;
    this.plan = plan;
    this.trace = trace;
    this.viaPublishedPorts = viaPublishedPorts;
    this.endpointHost = endpointHost;
    this.cancelled = cancelled;
  }

  /** The ports of the check in the pod's order: the raw values, as the runner passes them. */
  static List<String> ports(List<ServicePlan> services) {
    return podOrder(services).stream().map(ServicePlan::kubernetesHealthCheckPort).flatMap(Optional::stream).toList();
  }

  private static List<ServicePlan> podOrder(List<ServicePlan> services) {
    List<ServicePlan> sorted = new ArrayList<>(services);
    sorted.sort(Comparator.comparing(ServicePlan::kubernetesName));
    return sorted;
  }

  /**
   * Why the check failed, and the checked services whose ports had not answered.
   *
   * @param message {@code Health check aborted due to error:  Error in container <name>: exit code:
   *     <n>, reason: '<reason>'} or {@code health check failed: the job timed out}
   */
  record Failure(String message, List<ServicePlan> notReady) {
    Failure {
      notReady = List.copyOf(notReady);
    }
  }

  /**
   * Runs the check; the caller applies the not-ready policy to a failure (the Kubernetes executor
   * fails the job).
   *
   * @param ids the service containers, in the plan's order
   * @param owner the namespace owner's container
   * @return empty when every checked port answered (or nothing is checked)
   */
  Optional<Failure> run(List<String> ids, String owner) throws InterruptedException {
    Map<ServicePlan, String> byService = new LinkedHashMap<>();
    for (int i = 0; i < ids.size(); i++) {
      byService.put(plan.services().get(i), ids.get(i));
    }
    List<ServicePlan> pod = podOrder(plan.services());
    List<ServicePlan> checked = pod.stream().filter(s -> s.kubernetesHealthCheckPort().isPresent()).toList();
    if (checked.isEmpty()) {
      return Optional.empty();
    }
    List<ServicePlan> pending = new ArrayList<>(checked);
    long started = System.nanoTime();
    long deadline = started + plan.timeout().toNanos();
    InspectContainerResponse ownerInspected = docker.inspectContainerCmd(owner).exec();
    while (true) {
      Optional<String> terminated = terminated(owner, "pod");
      for (ServicePlan service : pod) {
        if (terminated.isEmpty()) {
          terminated = terminated(byService.get(service), service.kubernetesName());
        }
      }
      if (terminated.isPresent()) {
        String message = "Health check aborted due to error:  " + terminated.get();
        trace.line(message);
        String problem = terminated.get();
        checked.forEach(s -> trace.event(new JobEvent.ServiceNotReady(Instant.now(), s, problem)));
        return Optional.of(new Failure(message, pending));
      }
      for (ServicePlan service : List.copyOf(pending)) {
        String port = service.kubernetesHealthCheckPort().orElseThrow();
        trace.line("dialing localhost:" + port + "...");
        if (accepts(ownerInspected, port)) {
          trace.line("dial succeeded on localhost:" + port + ". Exiting...");
          pending.remove(service);
        }
      }
      if (pending.isEmpty()) {
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        checked.forEach(s -> trace.event(new JobEvent.ServiceReady(Instant.now(), s, took)));
        return Optional.empty();
      }
      if (System.nanoTime() >= deadline) {
        String reason = "the job timed out";
        checked.forEach(s -> trace.event(new JobEvent.ServiceNotReady(Instant.now(), s, reason)));
        return Optional.of(new Failure("health check failed: " + reason, pending));
      }
      if (cancelled.getAsBoolean()) {
        throw new InterruptedException("start cancelled");
      }
      Thread.sleep(ATTEMPT_EVERY.toMillis());
    }
  }

  /** The runner's {@code Error in container <name>: exit code: <n>, reason: '<reason>'}, once it has stopped. */
  private Optional<String> terminated(@Nullable String id, String name) {
    if (id == null) {
      return Optional.empty();
    }
    var state = docker.inspectContainerCmd(id).exec().getState();
    if (Boolean.TRUE.equals(state.getRunning())) {
      return Optional.empty();
    }
    Long code = state.getExitCodeLong();
    String reason = Boolean.TRUE.equals(state.getOOMKilled()) ? "OOMKilled"
        : code != null && code == 0 ? "Completed" : "Error";
    return Optional.of("Error in container " + name + ": exit code: " + code + ", reason: '" + reason + "'");
  }

  /** Whether {@code localhost:<port>} of the namespace accepts; a value that is no port never does. */
  private boolean accepts(InspectContainerResponse owner, String port) {
    int p;
    try {
      p = Integer.parseInt(port);
    } catch (NumberFormatException e) {
      return false;
    }
    InetSocketAddress target;
    if (viaPublishedPorts) {
      var bound = owner.getNetworkSettings().getPorts().getBindings().get(ExposedPort.tcp(p));
      if (bound == null || bound.length == 0) {
        return false;
      }
      target = new InetSocketAddress(endpointHost, Integer.parseInt(bound[0].getHostPortSpec()));
    } else {
      var networks = owner.getNetworkSettings().getNetworks();
      ContainerNetwork endpoint = networks.isEmpty() ? null : networks.values().iterator().next();
      if (endpoint == null || endpoint.getIpAddress() == null || endpoint.getIpAddress().isEmpty()) {
        return false;
      }
      target = new InetSocketAddress(endpoint.getIpAddress(), p);
    }
    return PortDial.accepts(target, viaPublishedPorts);
  }
}
