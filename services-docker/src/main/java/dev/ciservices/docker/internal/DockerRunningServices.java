package dev.ciservices.docker.internal;

import dev.ciservices.JobPlan;
import dev.ciservices.RunningService;
import dev.ciservices.RunningServices;
import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The handle of a job's running services; closing it removes them, once, also at JVM exit. */
final class DockerRunningServices implements RunningServices {
  private static final Logger LOG = LoggerFactory.getLogger(DockerRunningServices.class);

  private final JobPlan plan;
  private final List<RunningService> services;
  private final Resources resources;
  private final List<Closeable> followers;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Thread shutdownHook;
  private final Runnable onRemoved;

  DockerRunningServices(JobPlan plan, List<RunningService> services, Resources resources, List<Closeable> followers,
      Runnable onRemoved) {
    this.onRemoved = onRemoved;
    this.plan = plan;
    this.services = List.copyOf(services);
    this.resources = resources;
    this.followers = List.copyOf(followers);
    this.shutdownHook = new Thread(this::remove, "ci-services-cleanup-" + plan.instanceId());
    Runtime.getRuntime().addShutdownHook(shutdownHook);
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

  @Override
  public Optional<String> keep() {
    if (!closed.compareAndSet(false, true)) {
      return Optional.empty();
    }
    try {
      closeFollowers();
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException e) {
        // the JVM is shutting down: the hook runs, and removes them after all
      }
    } finally {
      onRemoved.run();
    }
    return Optional.of(ServicesRun.keptNote(plan.instanceId()));
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

  private boolean remove() {
    if (!closed.compareAndSet(false, true)) {
      return false;
    }
    closeFollowers();
    try {
      List<String> errors = resources.removeAll();
      if (!errors.isEmpty()) {
        LOG.warn("ci-services could not remove everything of job {}: {}", plan.instanceId(), errors);
      }
    } finally {
      onRemoved.run();
    }
    return true;
  }

  @Override
  public String toString() {
    return "RunningServices" + services;
  }
}
