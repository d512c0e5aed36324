package dev.ciservices.junit.internal;

import dev.ciservices.JobPlan;
import dev.ciservices.JobPlanner;
import dev.ciservices.NotReadyPolicy;
import dev.ciservices.PlanError;
import dev.ciservices.ReadinessProbe;
import dev.ciservices.RunningServices;
import dev.ciservices.ServiceListener;
import dev.ciservices.ServiceOrigin;
import dev.ciservices.ServicesException;
import dev.ciservices.StartOptions;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Plans a {@link Definition} and starts it on the run's backend, failing on any service that is not ready. */
final class Starter {
  private Starter() {}

  /**
   * Starts every service of the definition in parallel and returns once all are ready.
   *
   * @throws ExtensionConfigurationException when the plan has errors, naming each declaration
   * @throws ServicesException with the backend's full diagnosis when a service does not start; with
   *     {@link Definition#keepOnFailure()}, the backend's message also says how to find the kept containers
   */
  static RunningServices start(ExtensionContext context, Definition definition) {
    JobPlan plan = plan(definition);
    StartOptions options = StartOptions.gitlab(listener(plan, definition)).withNotReadyPolicy(NotReadyPolicy.FAIL)
        .withKeepOnFailure(definition.keepOnFailure()).withReadinessProbe(readiness(context, definition));
    return Backend.of(context).require().start(plan, options);
  }

  /** The declared probe, else the configuration parameter (or system property) {@value ReadinessProbe#PROPERTY}. */
  private static ReadinessProbe readiness(ExtensionContext context, Definition definition) {
    if (definition.readiness() != ReadinessProbe.AUTO) {
      return definition.readiness();
    }
    return context.getConfigurationParameter(ReadinessProbe.PROPERTY).filter(v -> !v.isBlank()).map(v -> {
      try {
        return ReadinessProbe.parse(v, "configuration parameter " + ReadinessProbe.PROPERTY);
      } catch (IllegalArgumentException e) {
        throw new ExtensionConfigurationException(e.getMessage());
      }
    }).orElse(ReadinessProbe.AUTO);
  }

  /** The valid plan of a definition. */
  static JobPlan plan(Definition definition) {
    JobPlan plan = JobPlanner.plan(definition.job(), definition.config());
    if (!plan.isValid()) {
      throw new ExtensionConfigurationException("The services of " + definition.where() + " cannot start:"
          + plan.errors().stream().map(e -> "\n  " + e.describe() + origin(e, definition)).collect(Collectors.joining()));
    }
    return plan;
  }

  private static String origin(PlanError error, Definition definition) {
    return error.service().filter(ServiceOrigin::fromJob).filter(s -> s.index() < definition.job().services().size())
        .map(s -> " (" + definition.origins().of(s, definition.job()) + ")").orElse("");
  }

  private static ServiceListener listener(JobPlan plan, Definition definition) {
    ServiceListener router = new LogRouter(plan);
    ServiceListener extra = definition.listener();
    if (extra == ServiceListener.NONE) {
      return router;
    }
    return new ServiceListener() {
      @Override
      public void onTrace(String line) {
        router.onTrace(line);
        extra.onTrace(line);
      }

      @Override
      public void onEvent(dev.ciservices.JobEvent event) {
        router.onEvent(event);
        extra.onEvent(event);
      }
    };
  }

}
