package dev.ciservices.junit;

import dev.ciservices.JobPlan;
import dev.ciservices.RunningService;
import dev.ciservices.RunningServices;
import dev.ciservices.ServiceEndpoint;
import dev.ciservices.ServiceNotReadyException;
import dev.ciservices.ServicePlan;
import dev.ciservices.ServicesException;
import dev.ciservices.StartOptions;
import dev.ciservices.internal.CloseOnce;
import dev.ciservices.spi.ServiceBackend;
import dev.ciservices.spi.ServiceBackendProvider;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-memory backend behind the SPI, chosen only by name ({@code ciservices.backend=memory}): it
 * starts nothing, and records each start, close and keep, so that the extension's orchestration
 * (lifecycles, sharing, injection, keeping on failure) has fast unit tests besides the engine ITs.
 * A service named {@code memory/never-ready:1} fails its start as a service that is never ready.
 */
public final class MemoryBackendProvider implements ServiceBackendProvider {
  /** The image whose service never becomes ready. */
  static final String NEVER_READY = "memory/never-ready:1";
  /** What happened, in order: {@code start <job> <instance>}, {@code close <instance>}, {@code keep <instance>}. */
  static final List<String> LOG = new CopyOnWriteArrayList<>();
  /** Off unless a unit test turns it on, so that it never stands in for a missing engine in the ITs. */
  static volatile boolean enabled;

  @Override
  public String name() {
    return "memory";
  }

  @Override
  public int priority() {
    return Integer.MIN_VALUE;
  }

  @Override
  public ServiceBackend create() {
    if (!enabled) {
      throw new ServicesException("the in-memory backend answers only in the testkit's unit tests");
    }
    return new ServiceBackend() {
      @Override
      public String name() {
        return "memory";
      }

      @Override
      public RunningServices start(JobPlan plan, StartOptions options) {
        plan.requireValid();
        for (ServicePlan service : plan.services()) {
          if (service.pullImage().equals(NEVER_READY)) {
            LOG.add("failed " + plan.jobName() + " " + plan.instanceId());
            throw new ServiceNotReadyException("Service " + service.name() + " (" + service.field()
                + ") probably didn't start properly.");
          }
        }
        LOG.add("start " + plan.jobName() + " " + plan.instanceId());
        return new Running(plan);
      }
    };
  }

  /** The running services of one start, in memory; each published port answers on 127.0.0.1, 40000 + the port. */
  private static final class Running implements RunningServices {
    private final JobPlan plan;
    private final List<RunningService> services;
    private final CloseOnce once = CloseOnce.of();

    Running(JobPlan plan) {
      this.plan = plan;
      this.services = plan.services().stream().<RunningService>map(s -> new RunningService() {
        @Override
        public ServicePlan plan() {
          return s;
        }

        @Override
        public String containerId() {
          return "memory-" + plan.instanceId() + "-" + s.index();
        }

        @Override
        public Optional<ServiceEndpoint> endpoint(int containerPort) {
          return s.ports().contains(containerPort)
              ? Optional.of(new ServiceEndpoint("127.0.0.1", 40000 + containerPort)) : Optional.empty();
        }
      }).toList();
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
    public Optional<String> keep() {
      if (once.claim()) {
        LOG.add("keep " + plan.instanceId());
        return Optional.of("kept " + plan.instanceId());
      }
      return Optional.empty();
    }

    @Override
    public void close() {
      if (once.claim()) {
        LOG.add("close " + plan.instanceId());
      }
    }
  }
}
