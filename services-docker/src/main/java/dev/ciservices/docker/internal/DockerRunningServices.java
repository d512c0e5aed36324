package dev.ciservices.docker.internal;

import dev.ciservices.JobPlan;
import dev.ciservices.RunningService;
import dev.ciservices.RunningServices;
import dev.ciservices.internal.CloseOnce;
import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The handle of a job's running services; closing it removes them, once, also at JVM exit. */
final class DockerRunningServices implements RunningServices {
  private static final Logger LOG = LoggerFactory.getLogger(DockerRunningServices.class);

  private final JobPlan plan;
  private final List<RunningService> services;
  private final Resources resources;
  private final List<Closeable> followers;
  /** Close or keep, once; the removal at JVM exit is {@link Resources}'s, registered before the first resource. */
  private final CloseOnce once = CloseOnce.of();
  private final Runnable onRemoved;

  DockerRunningServices(JobPlan plan, List<RunningService> services, Resources resources, List<Closeable> followers,
      Runnable onRemoved) {
    this.onRemoved = onRemoved;
    this.plan = plan;
    this.services = List.copyOf(services);
    this.resources = resources;
    this.followers = List.copyOf(followers);
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
    remove();
  }

  @Override
  public Optional<String> keep() {
    if (!once.claim()) {
      return Optional.empty();
    }
    try {
      closeFollowers();
      // no removal at JVM exit either
      resources.keep();
    } finally {
      onRemoved.run();
    }
    return Optional.of(ServicesRun.keptNote(plan.instanceId()));
  }

  /** The job's resources, for the job container to join them. */
  Resources resources() {
    return resources;
  }

  /** Removes everything now, once; what was removed. */
  Resources.Result remove() {
    if (!once.claim()) {
      return new Resources.Result(List.of(), List.of());
    }
    closeFollowers();
    try {
      Resources.Result result = resources.removeAll();
      if (!result.errors().isEmpty()) {
        LOG.warn("ci-services could not remove everything of job {}: {}", plan.instanceId(), result.errors());
      }
      return result;
    } finally {
      onRemoved.run();
    }
  }

  private void closeFollowers() {
    for (Closeable follower : followers) {
      try {
        follower.close();
      } catch (IOException e) {
        LOG.debug("closing a log stream failed", e);
      }
    }
  }

  @Override
  public String toString() {
    return "RunningServices" + services;
  }
}
