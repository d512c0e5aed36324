package dev.ciservices.junit.internal;

import dev.ciservices.RunningService;
import dev.ciservices.ServiceEndpoint;
import dev.ciservices.ServicesException;
import dev.ciservices.details.ConnectionDetails;
import dev.ciservices.details.ServiceDetails;
import dev.ciservices.junit.ServiceHandle;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/** A {@link ServiceHandle} over a backend's {@link RunningService}; names the declaration when a port is not published. */
final class Handle implements ServiceHandle {
  private final RunningService service;
  private final String origin;

  Handle(RunningService service, String origin) {
    this.service = service;
    this.origin = origin;
  }

  @Override
  public String host() {
    List<Integer> ports = service.plan().ports();
    if (ports.isEmpty()) {
      throw new ExtensionConfigurationException(describe(service) + " publishes no ports, so it has no host for the"
          + " JVM; add the container port the test connects to to the ports of " + origin);
    }
    return endpoint(ports.get(0)).host();
  }

  @Override
  public int port(int containerPort) {
    return endpoint(containerPort).port();
  }

  @Override
  public String hostPort(int containerPort) {
    return endpoint(containerPort).hostPort();
  }

  @Override
  public URI uri(String scheme, int containerPort) {
    return endpoint(containerPort).uri(scheme);
  }

  @Override
  public ServiceEndpoint endpoint(int containerPort) {
    return service.endpoint(containerPort).orElseThrow(() -> new ExtensionConfigurationException(
        "Container port " + containerPort + " of " + describe(service) + " is not published (published: "
            + service.plan().ports() + "); add " + containerPort + " to the ports of " + origin));
  }

  @Override
  public List<String> hostnames() {
    return service.hostnames();
  }

  @Override
  public String containerId() {
    return service.containerId();
  }

  @Override
  public RunningService service() {
    return service;
  }

  @Override
  public <T extends ConnectionDetails> T details(Class<T> type) {
    try {
      return ServiceDetails.forJvm(service, type);
    } catch (IllegalArgumentException | ServicesException e) {
      throw new ExtensionConfigurationException(e.getMessage() + " (declared by " + origin + ")", e);
    }
  }

  /** {@code service "db" (postgres:15)}. */
  static String describe(RunningService service) {
    return "service \"" + LogRouter.alias(service.plan()) + "\" (" + service.plan().name() + ")";
  }

  @Override
  public String toString() {
    return describe(service) + " " + service.hostnames() + " container "
        + service.containerId().substring(0, Math.min(12, service.containerId().length()));
  }
}
