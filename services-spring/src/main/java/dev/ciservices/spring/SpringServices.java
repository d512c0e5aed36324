package dev.ciservices.spring;

import dev.ciservices.JobEvent;
import dev.ciservices.JobPlan;
import dev.ciservices.JobPlanner;
import dev.ciservices.JobSpec;
import dev.ciservices.NotReadyPolicy;
import dev.ciservices.PlanError;
import dev.ciservices.RunningServices;
import dev.ciservices.ServiceBackends;
import dev.ciservices.ServiceListener;
import dev.ciservices.ServiceOrigin;
import dev.ciservices.ServicePlan;
import dev.ciservices.ServiceSpec;
import dev.ciservices.StartOptions;
import dev.ciservices.details.ConnectionDetails;
import dev.ciservices.details.ServiceDetails;
import dev.ciservices.details.IncompleteDetailsException;
import dev.ciservices.internal.CloseOnce;
import dev.ciservices.junit.internal.Definition;
import dev.ciservices.spi.ServiceBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The services of one application context: planned from a class's declarations, checked for complete
 * connection details before anything starts, started on the run's backend, removed on {@link #close()}
 * (idempotent; also at JVM exit should the context never be closed).
 */
final class SpringServices implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger("dev.ciservices.spring");

  private final ServiceBackend backend;
  private final RunningServices running;
  /** The close, once; also at JVM exit should the context never be closed. */
  private final CloseOnce once;

  private SpringServices(ServiceBackend backend, RunningServices running) {
    this.backend = backend;
    this.running = running;
    this.once = CloseOnce.atExit("ci-services-spring-stop", this::stop);
  }

  /**
   * Plans, checks and starts the services of a definition.
   *
   * @throws IllegalStateException naming the test class, the service, the variable and the fix, when
   *     the plan has errors or a service's connection details would be incomplete
   */
  static SpringServices start(Definition definition) {
    JobPlan plan = plan(publishingDetailPorts(definition));
    requireCompleteDetails(plan, definition.where());
    ServiceBackend backend = ServiceBackends.open(System.getProperty(ServiceBackends.PROPERTY));
    try {
      StartOptions options = StartOptions.gitlab(listener()).withNotReadyPolicy(NotReadyPolicy.FAIL)
          .withKeepOnFailure(definition.keepOnFailure());
      long t0 = System.nanoTime();
      SpringServices started = new SpringServices(backend, backend.start(plan, options));
      LOG.info("Services of {} ready in {} ms: {}", definition.where(), (System.nanoTime() - t0) / 1_000_000,
          plan.services().stream().map(s -> s.name() + " " + s.hostnames()).collect(Collectors.joining(", ")));
      return started;
    } catch (RuntimeException e) {
      backend.close();
      throw e;
    }
  }

  RunningServices running() {
    return running;
  }

  /**
   * The definition, each service with details also publishing the port its details connect to, so
   * that a declaration taken from {@code .gitlab-ci.yml} needs no {@code ports}.
   */
  private static Definition publishingDetailPorts(Definition definition) {
    JobSpec job = definition.job();
    JobPlan plan = plan(definition);
    List<ServiceSpec> services = new ArrayList<>(job.services());
    boolean changed = false;
    for (ServicePlan service : plan.services()) {
      Optional<ConnectionDetails> details = ServiceDetails.forJob(service);
      if (service.origin().source() == ServiceOrigin.Source.JOB && details.isPresent()
          && !service.ports().contains(details.get().endpoint().port())) {
        int index = service.origin().index();
        services.set(index, services.get(index).toBuilder().ports(details.get().endpoint().port()).build());
        changed = true;
      }
    }
    if (!changed) {
      return definition;
    }
    // the testkit's definitions hold a name, variables and services only
    JobSpec.Builder rebuilt = JobSpec.builder().name(job.name());
    job.variables().forEach(rebuilt::variable);
    services.forEach(rebuilt::service);
    return new Definition(rebuilt.build(), definition.config(), definition.lifecycle(), definition.keepOnFailure(),
        definition.logs(), definition.listener(), definition.origins(), definition.where());
  }

  private static JobPlan plan(Definition definition) {
    JobPlan plan = JobPlanner.plan(definition.job(), definition.config());
    if (!plan.isValid()) {
      throw new IllegalStateException("The services of " + definition.where() + " cannot start:"
          + plan.errors().stream().map(PlanError::describe).map(e -> "\n  " + e).collect(Collectors.joining()));
    }
    return plan;
  }

  /** Fails before anything starts when Spring Boot could not be given a service's details. */
  private static void requireCompleteDetails(JobPlan plan, String where) {
    List<IncompleteDetailsException> problems = new ArrayList<>();
    for (ServicePlan service : plan.services()) {
      ServiceDetails.forJob(service).filter(d -> !d.complete())
          .ifPresent(d -> problems.add(new IncompleteDetailsException(d.service(), d.unknowns())));
    }
    if (!problems.isEmpty()) {
      throw incomplete(where, problems);
    }
  }

  /** {@code The services of OrderIT cannot give Spring Boot their connection details: The connection details of ...}. */
  static IllegalStateException incomplete(String where, List<IncompleteDetailsException> problems) {
    IllegalStateException e = new IllegalStateException("The services of " + where + " cannot give Spring Boot their"
        + " connection details: " + problems.stream().map(IncompleteDetailsException::getMessage)
        .collect(Collectors.joining("\n  ")));
    problems.forEach(e::addSuppressed);
    return e;
  }

  private static ServiceListener listener() {
    return new ServiceListener() {
      @Override
      public void onTrace(String line) {
        LOG.debug("{}", line.replaceAll("\u001B\\[[0-9;]*m", "").stripTrailing());
      }

      @Override
      public void onEvent(JobEvent event) {
        if (event instanceof JobEvent.ServiceLogLine log) {
          LoggerFactory.getLogger("dev.ciservices.service." + log.service().logName()).info("{}", log.line());
        }
      }
    };
  }

  @Override
  public void close() {
    if (once.claim()) {
      stop();
    }
  }

  /**
   * Removes the services, then closes the backend. At JVM exit the handle's own shutdown hook may be
   * removing them at the same time: {@code running.close()} returns only once that removal is done,
   * so the backend keeps its Docker client until then.
   */
  private void stop() {
    try {
      running.close();
    } finally {
      backend.close();
    }
  }
}
