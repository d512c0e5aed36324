package dev.ciservices.docker;

import com.github.dockerjava.api.DockerClient;
import dev.ciservices.JobPlan;
import dev.ciservices.JobResult;
import dev.ciservices.RunningServices;
import dev.ciservices.StartOptions;
import dev.ciservices.docker.internal.Engine;
import dev.ciservices.docker.internal.EngineEndpoint;
import dev.ciservices.spi.ServiceBackend;
import java.nio.file.Path;

/**
 * Runs a {@link JobPlan}'s services on a Docker engine, as GitLab Runner's Docker executor does: a
 * network per job (or the default bridge), every service created and started in parallel, each
 * health-checked in parallel on its address inside the network, and everything removed on close or
 * on any failure. Thread-safe; one instance can start many jobs.
 */
public final class DockerBackend implements ServiceBackend {
  private final Engine engine;

  private DockerBackend(Engine engine) {
    this.engine = engine;
  }

  /**
   * Connects to the engine the options name, or finds it as the docker CLI does.
   *
   * @throws dev.ciservices.ServicesException saying which daemon, found how, and why it cannot be used
   */
  public static DockerBackend connect(DockerOptions options) {
    EngineEndpoint endpoint = EngineEndpoint.find(options.dockerHost(), System.getenv(),
        Path.of(System.getProperty("user.home")));
    boolean viaPublishedPorts = options.readinessProbe() == ReadinessProbe.PUBLISHED_PORT
        || (options.readinessProbe() == ReadinessProbe.AUTO && !endpoint.isLocal());
    return new DockerBackend(Engine.connect(endpoint, options.pollInterval(), options.sweepLeftovers(),
        viaPublishedPorts));
  }

  /** Connects with {@link DockerOptions#defaults()}. */
  public static DockerBackend connect() {
    return connect(DockerOptions.defaults());
  }

  @Override
  public String name() {
    return "docker";
  }

  @Override
  public RunningServices start(JobPlan plan, StartOptions options) {
    return engine.start(plan, options);
  }

  @Override
  public JobResult run(JobPlan plan, StartOptions options) {
    return engine.run(plan, options);
  }

  /** Which daemon, which API version, and why: one line. */
  public String describe() {
    return engine.describe();
  }

  /** The negotiated API version, e.g. {@code 1.41}. */
  public String apiVersion() {
    return engine.apiVersion();
  }

  /** The docker-java client, for what this backend does not cover; not a stable API. */
  public DockerClient dockerClient() {
    return engine.client();
  }

  @Override
  public void close() {
    engine.close();
  }

  @Override
  public String toString() {
    return describe();
  }
}
