package dev.ciservices.junit.internal;

import dev.ciservices.RunnerConfig;
import dev.ciservices.JobPlan;
import dev.ciservices.JobSpec;
import dev.ciservices.ReadinessProbe;
import dev.ciservices.RunningServices;
import dev.ciservices.ServicePlan;
import dev.ciservices.ServiceSpec;
import dev.ciservices.Variable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Services of the {@code SHARED} lifecycle: started once per run for every class that declares the
 * same services (in any order) with the same job variables, runner configuration and options, and
 * removed when the run ends. Kept in the root store: its atomic {@code getOrComputeIfAbsent} makes
 * concurrent classes wait for one start instead of starting twice, and a failed start fails each of
 * them with the same diagnosis instead of being retried.
 */
final class SharedServices implements AutoCloseable {
  private final RunningServices running;
  private final String startedFor;
  private final AtomicReference<@Nullable String> failedIn = new AtomicReference<>();

  /** What makes two classes' services the same. */
  record Key(List<ServiceSpec> services, List<Variable> variables, RunnerConfig config, boolean keepOnFailure,
      boolean logs, ReadinessProbe readiness) {
    static Key of(Definition d) {
      List<ServiceSpec> services = new ArrayList<>(d.job().services());
      services.sort(Comparator.comparing(ServiceSpec::toString));
      return new Key(List.copyOf(services), d.job().variables(), d.config(), d.keepOnFailure(), d.logs(), d.readiness());
    }
  }

  private SharedServices(RunningServices running, String startedFor) {
    this.running = running;
    this.startedFor = startedFor;
  }

  /** The run's services for this definition: started now by the first caller, reused by the others. */
  static SharedServices of(ExtensionContext context, Definition definition) {
    SharedServices shared = context.getRoot().getStore(ServicesExtension.NAMESPACE).getOrComputeIfAbsent(
        Key.of(definition), k -> start(context, definition), SharedServices.class);
    shared.checkSameHostnames(definition);
    return shared;
  }

  private static SharedServices start(ExtensionContext context, Definition definition) {
    JobSpec job = definition.job().toBuilder().name("shared").build();
    Definition shared = new Definition(job, definition.config(), definition.lifecycle(), definition.keepOnFailure(),
        definition.logs(), definition.listener(), definition.origins(), definition.where(), definition.readiness());
    return new SharedServices(Starter.start(context, shared), definition.where());
  }

  RunningServices running() {
    return running;
  }

  /**
   * Refuses a class whose own order of the same services would give them other hostnames (an alias
   * that two services claim belongs to the first).
   */
  private void checkSameHostnames(Definition definition) {
    JobPlan own = Starter.plan(definition);
    List<Map.Entry<ServiceSpec, List<String>>> theirs = new ArrayList<>(hostnames(running.plan()));
    List<Map.Entry<ServiceSpec, List<String>>> mine = hostnames(own);
    for (int i = 0; i < mine.size(); i++) {
      Map.Entry<ServiceSpec, List<String>> service = mine.get(i);
      if (!theirs.remove(service)) {
        List<String> running = theirs.stream().filter(e -> e.getKey().equals(service.getKey())).findFirst()
            .map(Map.Entry::getValue).orElse(List.of());
        throw new ExtensionConfigurationException("[" + definition.where() + "] declares the same SHARED services as "
            + startedFor + " in another order, and the order decides which service holds an alias both claim: "
            + definition.origins().ofService(service.getKey(), i) + " would answer to " + service.getValue()
            + " here, but answers to " + running + " in the running services; declare the services in the same"
            + " order (one meta-annotation for both classes does that)");
      }
    }
  }

  private static List<Map.Entry<ServiceSpec, List<String>>> hostnames(JobPlan plan) {
    List<Map.Entry<ServiceSpec, List<String>>> pairs = new ArrayList<>();
    for (ServicePlan service : plan.services()) {
      if (service.origin().fromJob()) {
        pairs.add(Map.entry(service.spec(), service.hostnames()));
      }
    }
    return pairs;
  }

  /** A test of {@code where} failed with these services; keep them at the end of the run. */
  void markFailed(String where) {
    failedIn.compareAndSet(null, where);
  }

  @Override
  public void close() {
    String where = failedIn.get();
    if (where != null) {
      Scope.keep(running, where);
    } else {
      running.close();
    }
  }
}
