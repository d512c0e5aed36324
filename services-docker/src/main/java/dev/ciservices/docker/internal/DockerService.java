package dev.ciservices.docker.internal;

import dev.ciservices.RunningService;
import dev.ciservices.ServiceEndpoint;
import dev.ciservices.ServicePlan;
import java.util.Map;
import java.util.Optional;

/** A running service container. */
record DockerService(ServicePlan plan, String containerId, Map<Integer, ServiceEndpoint> endpoints)
    implements RunningService {

  DockerService {
    endpoints = Map.copyOf(endpoints);
  }

  @Override
  public Optional<ServiceEndpoint> endpoint(int containerPort) {
    return Optional.ofNullable(endpoints.get(containerPort));
  }

  @Override
  public String toString() {
    return plan.name() + " " + plan.hostnames() + " " + containerId.substring(0, Math.min(12, containerId.length()));
  }
}
