package dev.ciservices.kubernetes.internal;

import dev.ciservices.RunningService;
import dev.ciservices.ServiceEndpoint;
import dev.ciservices.ServicePlan;
import java.util.Map;
import java.util.Optional;

/** One service container of the job pod; its id is {@code <pod>/<container>}. */
record PodService(ServicePlan plan, String containerId, Map<Integer, ServiceEndpoint> endpoints)
    implements RunningService {

  PodService {
    endpoints = Map.copyOf(endpoints);
  }

  @Override
  public Optional<ServiceEndpoint> endpoint(int containerPort) {
    return Optional.ofNullable(endpoints.get(containerPort));
  }
}
