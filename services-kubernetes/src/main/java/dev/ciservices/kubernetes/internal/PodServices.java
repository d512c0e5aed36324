package dev.ciservices.kubernetes.internal;

import dev.ciservices.JobPlan;
import dev.ciservices.RunningService;
import dev.ciservices.RunningServices;
import dev.ciservices.internal.CloseOnce;
import java.util.List;
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
  private final CloseOnce once;

  PodServices(JobPlan plan, List<RunningService> services, PodResources resources, Trace trace, String pod) {
    this.plan = plan;
    this.services = List.copyOf(services);
    this.resources = resources;
    this.trace = trace;
    this.pod = pod;
    this.once = CloseOnce.atExit("ci-services-cleanup-" + pod, this::remove);
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
    if (once.claim()) {
      remove();
    }
  }

  private void remove() {
    List<String> errors = resources.removeAll();
    errors.forEach(trace::error);
    if (!errors.isEmpty()) {
      LOG.warn("ci-services could not remove everything of pod {}: {}", pod, errors.stream().map(trace::mask).toList());
    }
  }

  @Override
  public String toString() {
    return "RunningServices" + services;
  }
}
