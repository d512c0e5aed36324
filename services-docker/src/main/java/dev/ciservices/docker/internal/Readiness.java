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
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * GitLab's Docker health check, without a helper container or a shell in the service image: the
 * ports of {@link HealthCheckRule} are dialled on the container's address inside the job network
 * (not through a published port, which accepts connections before the service listens), and the
 * first that accepts ends the check. A container that exits meanwhile is reported at once. Extra
 * {@link WaitCondition}s are checked after it.
 */
final class Readiness {
  private static final Duration CONNECT_TIMEOUT = Duration.ofMillis(250);
  private static final Duration STATE_CHECK_EVERY = Duration.ofMillis(200);

  private final DockerClient docker;
  private final Duration poll;
  private final BooleanSupplier cancelled;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();

  Readiness(DockerClient docker, Duration poll, BooleanSupplier cancelled) {
    this.docker = docker;
    this.poll = poll;
    this.cancelled = cancelled;
  }

  /** Why the service is not ready, or empty once it is. */
  Optional<String> await(ServicePlan service, String containerId, @Nullable String network, long deadlineNanos)
      throws InterruptedException {
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
    List<Integer> ports = HealthCheckRule.fromEnvironment(env).ports(exposed);
    if (ports.isEmpty()) {
      return Optional.of("service \"" + service.containerName() + "\" has no exposed ports");
    }
    if (!Boolean.TRUE.equals(inspected.getState().getRunning())) {
      return exited(service, containerId);
    }
    String address = address(inspected, network);
    long nextStateCheck = 0;
    while (true) {
      for (int port : ports) {
        if (accepts(address, port)) {
          return conditions(service, containerId, address, deadlineNanos);
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

  private Optional<String> conditions(ServicePlan service, String id, String address, long deadlineNanos)
      throws InterruptedException {
    for (WaitCondition condition : service.waitConditions()) {
      while (true) {
        Optional<String> exited = exited(service, id);
        if (exited.isPresent()) {
          return exited;
        }
        Optional<String> problem = check(condition, id, address);
        if (problem.isEmpty()) {
          break;
        }
        if (System.nanoTime() >= deadlineNanos) {
          return Optional.of("service \"" + service.containerName() + "\" timeout waiting for " + condition.describe()
              + ": " + problem.get());
        }
        pause();
      }
    }
    return Optional.empty();
  }

  /** Empty when the condition holds, else why not yet. */
  private Optional<String> check(WaitCondition condition, String id, String address) throws InterruptedException {
    if (condition instanceof WaitCondition.DockerHealthcheck) {
      HealthCheck config = docker.inspectContainerCmd(id).exec().getConfig().getHealthcheck();
      if (config == null || config.getTest() == null || config.getTest().isEmpty()
          || "NONE".equals(config.getTest().get(0))) {
        return Optional.of("the image has no HEALTHCHECK");
      }
      var health = docker.inspectContainerCmd(id).exec().getState().getHealth();
      String status = health == null ? "none" : health.getStatus();
      return "healthy".equals(status) ? Optional.empty() : Optional.of("health status is " + status);
    }
    if (condition instanceof WaitCondition.LogMessage log) {
      Pattern pattern = log.pattern();
      long count = Arrays.stream(ContainerLogs.read(docker, id).split("\n"))
          .map(line -> line.replaceFirst("^\\S+Z ", ""))
          .filter(line -> pattern.matcher(line).matches()).count();
      return count >= log.times() ? Optional.empty() : Optional.of(count + " of " + log.times() + " matching lines so far");
    }
    if (condition instanceof WaitCondition.Http h) {
      HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + hostPort(address, h.port()) + h.path()))
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

  private boolean accepts(String address, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, port), (int) CONNECT_TIMEOUT.toMillis());
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private void pause() throws InterruptedException {
    if (cancelled.getAsBoolean()) {
      throw new InterruptedException("start cancelled");
    }
    Thread.sleep(poll.toMillis());
  }

  private static String address(InspectContainerResponse inspected, @Nullable String network) {
    var networks = inspected.getNetworkSettings().getNetworks();
    ContainerNetwork endpoint = networks.get(network != null ? network : "bridge");
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
