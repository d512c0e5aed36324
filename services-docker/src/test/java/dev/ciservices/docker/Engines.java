package dev.ciservices.docker;

import dev.ciservices.RunnerConfig;
import dev.ciservices.JobPlan;
import dev.ciservices.JobPlanner;
import dev.ciservices.JobSpec;
import dev.ciservices.PullPolicy;
import dev.ciservices.RunningServices;
import dev.ciservices.ServiceListener;
import dev.ciservices.StartOptions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The real engine for integration tests. There is no skip: without an engine every test fails with
 * the backend's one-line reason (scripts/test provisions one).
 */
final class Engines {
  static final DockerBackend DOCKER = DockerBackend.connect();
  static final RunnerConfig LOCAL = RunnerConfig.builder().pullPolicy(PullPolicy.IF_NOT_PRESENT).build();

  private Engines() {}

  /** A listener that keeps every trace line. */
  static final class Recorder implements ServiceListener {
    final List<String> lines = new CopyOnWriteArrayList<>();
    final List<dev.ciservices.JobEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void onTrace(String line) {
      lines.add(line);
    }

    @Override
    public void onEvent(dev.ciservices.JobEvent event) {
      events.add(event);
    }

    String text() {
      return String.join("\n", lines);
    }
  }

  static RunningServices start(JobSpec job, RunnerConfig config, Recorder recorder) {
    JobPlan plan = JobPlanner.plan(job, config);
    return DOCKER.start(plan, StartOptions.gitlab(recorder));
  }
}
