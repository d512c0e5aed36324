package dev.ciservices.kubernetes.internal;

import dev.ciservices.JobPlan;
import dev.ciservices.RunningService;
import dev.ciservices.RunningServices;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The handle of a job pod's services; closing it deletes the pod and its secret, once, also at JVM exit. */
final class PodServices implements RunningServices {
  private static final Logger LOG = LoggerFactory.getLogger(PodServices.class);

  private final JobPlan plan;
  private final List<RunningService> services;
  private final PodResources resources;
  private final Trace trace;
  private final String pod;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Thread shutdownHook;

  PodServices(JobPlan plan, List<RunningService> services, PodResources resources, Trace trace, String pod) {
    this.plan = plan;
    this.services = List.copyOf(services);
    this.resources = resources;
    this.trace = trace;
    this.pod = pod;
    this.shutdownHook = new Thread(this::remove, "ci-services-cleanup-" + pod);
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** The pod's name. */
  String pod() {
    return pod;
  }

  @Override
  public JobPlan plan() {
    return plan;
  }

  @Override
  public List<RunningService> services() {
    return services;
  }

  @Override
  public void close() {
    if (remove()) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException e) {
        // the JVM is shutting down; the hook runs or has run
      }
    }
  }

  private boolean remove() {
    if (!closed.compareAndSet(false, true)) {
      return false;
    }
    List<String> errors = resources.removeAll();
    errors.forEach(trace::error);
    if (!errors.isEmpty()) {
      LOG.warn("ci-services could not remove everything of pod {}: {}", pod, errors.stream().map(trace::mask).toList());
    }
    return true;
  }

  @Override
  public String toString() {
    return "RunningServices" + services;
  }
}
