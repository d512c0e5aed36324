package dev.ciservices.docker.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.InternetProtocol;
import dev.ciservices.HealthCheckRule;
import dev.ciservices.ServicePlan;
import dev.ciservices.WaitCondition;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * GitLab's Docker health check, without a helper container or a shell in the service image: the
 * ports of {@link HealthCheckRule} are dialled on the container's address inside the job network
 * (not through a published port, which accepts connections before the service listens), and the
 * first that accepts ends the check. A container that exits meanwhile is reported at once. Extra
 * {@link WaitCondition}s are checked after it.
 */
final class Readiness {
  private static final Duration STATE_CHECK_EVERY = Duration.ofMillis(200);
  /** Docker's HEALTHCHECK interval when the image gives none. */
  private static final Duration DEFAULT_HEALTH_INTERVAL = Duration.ofSeconds(30);
  /** How much later than its start period plus one interval a first HEALTHCHECK run may come. */
  private static final Duration HEALTH_GRACE = Duration.ofSeconds(3);

  private final DockerClient docker;
  private final Duration poll;
  private final DockerBackendSettings settings;
  private final boolean viaPublishedPorts;
  private final BooleanSupplier cancelled;
  private final HttpClient http;

  /** A client for {@code Wait.forHttp} probes, one per backend instance. */
  static HttpClient newHttpClient() {
    return HttpClient.newBuilder().connectTimeout(PortDial.CONNECT_TIMEOUT).build();
  }

  Readiness(DockerClient docker, DockerBackendSettings settings, HttpClient http, boolean viaPublishedPorts,
      BooleanSupplier cancelled) {
    this.http = http;
    this.docker = docker;
    this.poll = settings.pollInterval();
    this.settings = settings;
    this.viaPublishedPorts = viaPublishedPorts;
    this.cancelled = cancelled;
  }

  /** Why the service is not ready, or empty once it is. */
  Optional<String> await(ServicePlan service, String containerId, long deadlineNanos) throws InterruptedException {
    String network = service.container().network().network();
    InspectContainerResponse inspected = docker.inspectContainerCmd(containerId).exec();
    String[] envEntries = inspected.getConfig().getEnv();
    List<String> env = envEntries == null ? List.of() : Arrays.asList(envEntries);
    ExposedPort[] exposedPorts = inspected.getConfig().getExposedPorts();
    List<Integer> exposed = new ArrayList<>();
    for (ExposedPort p : exposedPorts == null ? new ExposedPort[0] : exposedPorts) {
      if (p.getProtocol() == InternetProtocol.TCP) {
        exposed.add(p.getPort());
      }
    }
    List<Integer> ports = service.healthCheck().ports(env, exposed);
    if (ports.isEmpty()) {
      return Optional.of("service \"" + service.containerName() + "\" has no exposed ports");
    }
    if (!Boolean.TRUE.equals(inspected.getState().getRunning())) {
      return exited(service, containerId);
    }
    List<InetSocketAddress> targets = targets(inspected, network, ports);
    if (targets.isEmpty()) {
      return Optional.of("service \"" + service.containerName() + "\" publishes none of the ports to check " + ports
          + "; expose them in the image or set HEALTHCHECK_TCP_PORT");
    }
    long nextStateCheck = 0;
    while (true) {
      for (InetSocketAddress target : targets) {
        if (PortDial.accepts(target, viaPublishedPorts)) {
          if (viaPublishedPorts) {
            // a published port can accept for a service that is gone (Podman's conmon keeps the host
            // port bound for the container): a service that has exited is not ready, whatever answered
            Optional<String> exited = exited(service, containerId);
            if (exited.isPresent()) {
              return exited;
            }
          }
          return conditions(service, containerId, inspected, network, deadlineNanos);
        }
      }
      if (System.nanoTime() >= nextStateCheck) {
        Optional<String> exited = exited(service, containerId);
        if (exited.isPresent()) {
          return exited;
        }
        nextStateCheck = System.nanoTime() + STATE_CHECK_EVERY.toNanos();
      }
      if (System.nanoTime() >= deadlineNanos) {
        return Optional.of("service \"" + service.containerName() + "-wait-for-service\" timeout");
      }
      pause();
    }
  }

  private Optional<String> conditions(ServicePlan service, String id, InspectContainerResponse inspected,
      String network, long deadlineNanos) throws InterruptedException {
    for (WaitCondition condition : service.waitConditions()) {
      // a log condition follows the output once instead of reading it all again at every poll
      AtomicLong matches = new AtomicLong();
      Closeable follower = condition instanceof WaitCondition.LogMessage log
          ? ContainerLogs.follow(docker, id, dev.ciservices.internal.Masker.NONE, line -> {
            if (log.pattern().matcher(line.replaceFirst("^\\S+Z ", "")).matches()) {
              matches.incrementAndGet();
            }
          })
          : () -> { };
      try {
        long nextStateCheck = 0;
        long since = System.nanoTime();
        while (true) {
          if (System.nanoTime() >= nextStateCheck) {
            Optional<String> exited = exited(service, id);
            if (exited.isPresent()) {
              return exited;
            }
            nextStateCheck = System.nanoTime() + STATE_CHECK_EVERY.toNanos();
          }
          Optional<String> problem = check(condition, id, inspected, network, matches.get());
          if (problem.isEmpty()) {
            break;
          }
          if (condition instanceof WaitCondition.DockerHealthcheck) {
            Optional<String> never = healthcheckNeverRuns(id, inspected, since);
            if (never.isPresent()) {
              return Optional.of("service \"" + service.containerName() + "\" cannot pass "
                  + condition.describe() + ": " + never.get());
            }
          }
          if (System.nanoTime() >= deadlineNanos) {
            return Optional.of("service \"" + service.containerName() + "\" timeout waiting for "
                + condition.describe() + ": " + problem.get());
          }
          pause();
        }
      } finally {
        closeQuietly(follower);
      }
    }
    return Optional.empty();
  }

  /** Empty when the condition holds, else why not yet; {@code logMatches} counts a log condition's lines. */
  private Optional<String> check(WaitCondition condition, String id, InspectContainerResponse inspected,
      String network, long logMatches) throws InterruptedException {
    if (condition instanceof WaitCondition.DockerHealthcheck) {
      HealthCheck config = inspected.getConfig().getHealthcheck();
      if (config == null || config.getTest() == null || config.getTest().isEmpty()
          || "NONE".equals(config.getTest().get(0))) {
        return Optional.of("the image has no HEALTHCHECK");
      }
      var health = docker.inspectContainerCmd(id).exec().getState().getHealth();
      String status = health == null ? "none" : health.getStatus();
      return "healthy".equals(status) ? Optional.empty() : Optional.of("health status is " + status);
    }
    if (condition instanceof WaitCondition.LogMessage log) {
      return logMatches >= log.times() ? Optional.empty()
          : Optional.of(logMatches + " of " + log.times() + " matching lines so far");
    }
    if (condition instanceof WaitCondition.Http h) {
      List<InetSocketAddress> target = targets(inspected, network, List.of(h.port()));
      if (target.isEmpty()) {
        return Optional.of("port " + h.port() + " is not published; add it to the service's ports");
      }
      InetSocketAddress a = target.get(0);
      HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + hostPort(a.getHostString(), a.getPort()) + h.path()))
          .timeout(Duration.ofSeconds(1)).GET().build();
      try {
        int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        return status == h.status() ? Optional.empty() : Optional.of("status " + status);
      } catch (IOException e) {
        return Optional.of(e.toString());
      }
    }
    throw new IllegalStateException(condition.toString());
  }

  /**
   * Why the engine will never run the image's HEALTHCHECK, once it has not run it in its start
   * period plus one interval plus a grace (Podman without systemd: its health checks are systemd
   * timers); empty while that may still change.
   */
  private Optional<String> healthcheckNeverRuns(String id, InspectContainerResponse inspected, long sinceNanos) {
    HealthCheck config = inspected.getConfig().getHealthcheck();
    if (config == null) {
      return Optional.empty();
    }
    long interval = config.getInterval() == null || config.getInterval() == 0 ? DEFAULT_HEALTH_INTERVAL.toNanos()
        : config.getInterval();
    long startPeriod = config.getStartPeriod() == null ? 0 : config.getStartPeriod();
    Duration waited = Duration.ofNanos(System.nanoTime() - sinceNanos);
    if (waited.toNanos() < startPeriod + interval + HEALTH_GRACE.toNanos()) {
      return Optional.empty();
    }
    var health = docker.inspectContainerCmd(id).exec().getState().getHealth();
    if (health != null && health.getLog() != null && !health.getLog().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of("the engine has not run the image's HEALTHCHECK once in " + waited.toSeconds() + " s (start"
        + " period " + Duration.ofNanos(startPeriod).toSeconds() + " s, interval " + Duration.ofNanos(interval).toSeconds()
        + " s)" + (settings.podman() ? "; Podman runs HEALTHCHECKs from systemd timers, so without systemd (podman"
            + " system service started by hand, in a container, on a machine without systemd) the status stays"
            + " \"starting\": run Podman under systemd, or wait with Wait.forLogMessage(...) or Wait.forHttp(...)"
            + " instead" : ""));
  }

  private static void closeQuietly(Closeable closeable) {
    try {
      closeable.close();
    } catch (IOException e) {
      // the log stream of a checked service; it ends with the container anyway
    }
  }

  private Optional<String> exited(ServicePlan service, String id) {
    var state = docker.inspectContainerCmd(id).exec().getState();
    if (Boolean.TRUE.equals(state.getRunning())) {
      return Optional.empty();
    }
    Long code = state.getExitCodeLong();
    return Optional.of("service \"" + service.containerName() + "\" exited with code " + code
        + (Boolean.TRUE.equals(state.getOOMKilled()) ? " (killed: out of memory)" : "")
        + " before it was ready");
  }

  /** Where to dial each port: the container's address, or the engine host's published port. */
  private List<InetSocketAddress> targets(InspectContainerResponse inspected, String network,
      List<Integer> ports) {
    List<InetSocketAddress> targets = new ArrayList<>();
    if (!viaPublishedPorts) {
      String address = address(inspected, network);
      ports.forEach(p -> targets.add(InetSocketAddress.createUnresolved(address, p)));
      return targets;
    }
    var bindings = inspected.getNetworkSettings().getPorts().getBindings();
    for (int port : ports) {
      var bound = bindings.get(ExposedPort.tcp(port));
      if (bound != null && bound.length > 0) {
        targets.add(InetSocketAddress.createUnresolved(settings.endpointHost(), Integer.parseInt(bound[0].getHostPortSpec())));
      }
    }
    return targets;
  }

  private void pause() throws InterruptedException {
    if (cancelled.getAsBoolean()) {
      throw new InterruptedException("start cancelled");
    }
    Thread.sleep(poll.toMillis());
  }

  private static String address(InspectContainerResponse inspected, String network) {
    var networks = inspected.getNetworkSettings().getNetworks();
    ContainerNetwork endpoint = networks.get(network);
    if (endpoint == null && !networks.isEmpty()) {
      endpoint = networks.values().iterator().next();
    }
    if (endpoint == null || endpoint.getIpAddress() == null || endpoint.getIpAddress().isEmpty()) {
      throw new IllegalStateException("container " + inspected.getName() + " has no address on " + network);
    }
    return endpoint.getIpAddress();
  }

  private static String hostPort(String address, int port) {
    return (address.contains(":") ? "[" + address + "]" : address) + ":" + port;
  }
}
