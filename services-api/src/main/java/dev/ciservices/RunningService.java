package dev.ciservices;

import java.util.List;
import java.util.Optional;

/** A service container that is running: a handle, never a spec. Implemented by backends. */
public interface RunningService {
  /** The plan the container was created from. */
  ServicePlan plan();

  /** The engine's id of the container. */
  String containerId();

  /** The hostnames the job and the other services reach it by. */
  default List<String> hostnames() {
    return plan().hostnames();
  }

  /** Where a container port is published for the calling JVM, if it was published. */
  Optional<ServiceEndpoint> endpoint(int containerPort);
}
