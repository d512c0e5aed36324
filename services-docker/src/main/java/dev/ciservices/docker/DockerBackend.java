package dev.ciservices.docker;

import com.github.dockerjava.api.DockerClient;
import dev.ciservices.EngineInfo;
import dev.ciservices.JobPlan;
import dev.ciservices.JobResult;
import dev.ciservices.ReadinessProbe;
import dev.ciservices.RunningServices;
import dev.ciservices.ServicesException;
import dev.ciservices.StartOptions;
import dev.ciservices.docker.internal.Engine;
import dev.ciservices.docker.internal.EngineEndpoint;
import dev.ciservices.spi.ServiceBackend;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

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
    return new DockerBackend(Engine.connect(endpoint, options.pollInterval(), options.sweepLeftovers(),
        askedProbe(options), setting(options.publishedHost(), DockerOptions.PUBLISHED_HOST_PROPERTY,
            DockerOptions.PUBLISHED_HOST_ENV)));
  }

  /** The probe asked for, and by what; null for AUTO (decided from what the engine shows). */
  private static Engine.@Nullable AskedProbe askedProbe(DockerOptions options) {
    if (options.readinessProbe() != ReadinessProbe.AUTO) {
      return new Engine.AskedProbe(options.readinessProbe(), "DockerOptions.readinessProbe");
    }
    String property = System.getProperty(ReadinessProbe.PROPERTY);
    String where = "-D" + ReadinessProbe.PROPERTY;
    String value = property;
    if (property == null || property.isBlank()) {
      value = System.getenv(ReadinessProbe.ENV);
      where = ReadinessProbe.ENV;
    }
    if (value == null || value.isBlank()) {
      return null;
    }
    ReadinessProbe probe;
    try {
      probe = ReadinessProbe.parse(value, where);
    } catch (IllegalArgumentException e) {
      throw new ServicesException(String.valueOf(e.getMessage()));
    }
    return probe == ReadinessProbe.AUTO ? null : new Engine.AskedProbe(probe, where + "=" + probe.optionName());
  }

  private static @Nullable String setting(@Nullable String explicit, String property, String env) {
    if (explicit != null) {
      return explicit;
    }
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      value = System.getenv(env);
    }
    return value == null || value.isBlank() ? null : value.trim();
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

  /**
   * Removes what ci-services left on this engine: resources whose owner process provably exited on
   * this machine, boot and PID namespace (what every connection does by itself), and, with {@code
   * olderThan}, also those whose owner cannot be established (another machine, another PID
   * namespace, an older version) that are at least that old. A running owner's resources are never
   * removed. Never throws: errors are the report's warnings.
   *
   * @param olderThan null: only provably exited owners
   * @param dryRun report without removing
   */
  public SweepReport sweep(@Nullable Duration olderThan, boolean dryRun) {
    return engine.sweep(olderThan, dryRun);
  }

  /** Which engine (product, version, address and why, API, OS, rootless or not) and which readiness probe and why: one line. */
  public String describe() {
    return engine.describe();
  }

  /**
   * The engine's identity: Docker or Podman, version, API, OS, rootless or not, and the readiness
   * probe with the reason it was chosen (AUTO until the first service decides it, where the engine
   * leaves it open when connecting).
   */
  public EngineInfo engineInfo() {
    return engine.info();
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
