package dev.ciservices.benchmarks;

import dev.ciservices.RunnerConfig;
import dev.ciservices.JobPlan;
import dev.ciservices.JobPlanner;
import dev.ciservices.JobSpec;
import dev.ciservices.NetworkMode;
import dev.ciservices.NotReadyPolicy;
import dev.ciservices.RunningServices;
import dev.ciservices.ServiceListener;
import dev.ciservices.ServiceSpec;
import dev.ciservices.StartOptions;
import dev.ciservices.docker.DockerBackend;
import java.util.Map;

/**
 * ci-services' Docker backend: {@code start()} (network, builds volume, image check, create and
 * start in parallel, readiness by connecting to each container's address in the job network) and
 * {@code close()}.
 */
final class OursContestant implements Contestant {
  static final RunnerConfig CONFIG = RunnerConfig.local().build();
  /**
   * The pod mode ({@link NetworkMode#POD}): one network namespace; each service sets {@code
   * HEALTHCHECK_TCP_PORT} to its port, since the Kubernetes rule checks no other service.
   */
  static final RunnerConfig POD = RunnerConfig.local().networkMode(NetworkMode.POD).build();

  private final DockerBackend docker;
  private final String name;
  private final RunnerConfig config;

  OursContestant(DockerBackend docker) {
    this(docker, "ours (ci-services)");
  }

  /** The backend on another engine, e.g. Podman, under another name. */
  OursContestant(DockerBackend docker, String name) {
    this(docker, name, CONFIG);
  }

  /** The backend under another runner configuration, e.g. {@link #POD}. */
  OursContestant(DockerBackend docker, String name, RunnerConfig config) {
    this.docker = docker;
    this.name = name;
    this.config = config;
  }

  @Override
  public String name() {
    return name;
  }

  static JobPlan plan(Scenario scenario) {
    return plan(scenario, CONFIG);
  }

  static JobPlan plan(Scenario scenario, RunnerConfig config) {
    JobSpec.Builder job = JobSpec.builder();
    for (Scenario.Service service : scenario.services()) {
      ServiceSpec.Builder spec = ServiceSpec.builder(service.image()).alias(service.alias());
      if (config.networkMode() == NetworkMode.POD) {
        spec.variable("HEALTHCHECK_TCP_PORT", Integer.toString(service.port()));
      }
      job.service(spec.build());
    }
    for (Map.Entry<String, String> e : Scenario.ENVIRONMENT.entrySet()) {
      job.variable(e.getKey(), e.getValue());
    }
    return JobPlanner.plan(job.build(), config).requireValid();
  }

  @Override
  public Sample run(Scenario scenario) {
    JobPlan plan = plan(scenario, config);
    Phases phases = new Phases();
    long t0 = System.nanoTime();
    RunningServices running = docker.start(plan, StartOptions.gitlab(phases).withNotReadyPolicy(NotReadyPolicy.FAIL));
    long ready = System.nanoTime();
    long r0 = System.nanoTime();
    running.close();
    long removed = System.nanoTime();
    double started = phases.waiting == 0 ? Double.NaN : Sample.ms(phases.waiting - t0);
    return new Sample(Sample.ms(ready - t0), Sample.ms(removed - r0), started);
  }

  /**
   * Notes when the trace says "Waiting for services": every container has been created and started
   * by then. Costs one {@code nanoTime} per trace line.
   */
  static final class Phases implements ServiceListener {
    volatile long waiting;

    @Override
    public void onTrace(String line) {
      // the pod mode's health check prints no "Waiting" line: its first dial comes at the same point
      if (waiting == 0 && (line.startsWith("Waiting for services") || line.startsWith("dialing localhost:"))) {
        waiting = System.nanoTime();
      }
    }
  }
}
