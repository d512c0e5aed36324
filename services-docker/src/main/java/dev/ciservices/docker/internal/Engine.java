package dev.ciservices.docker.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Version;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import dev.ciservices.JobPlan;
import dev.ciservices.JobResult;
import dev.ciservices.RunningServices;
import dev.ciservices.ServicesException;
import dev.ciservices.StartOptions;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection to a Docker engine at an API version negotiated with the daemon: the lower of the
 * daemon's and the newest this client knows, so that old daemons (20.10 speaks 1.41) and new ones
 * (29 refuses anything below 1.44) both work.
 */
public final class Engine implements AutoCloseable {
  /** The newest API version this backend is written against. */
  static final String NEWEST_API = "1.47";
  private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

  private final DockerClient docker;
  private final DockerHttpClient http;
  private final EngineEndpoint endpoint;
  private final String serverVersion;
  private final String apiVersion;
  private final String serverApiVersion;
  private final Owner owner = new Owner();
  private final DockerBackendSettings settings;

  private Engine(DockerClient docker, DockerHttpClient http, EngineEndpoint endpoint, Version version,
      String apiVersion, Duration pollInterval, boolean viaPublishedPorts) {
    this.docker = docker;
    this.http = http;
    this.endpoint = endpoint;
    this.serverVersion = version.getVersion();
    this.serverApiVersion = version.getApiVersion();
    this.apiVersion = apiVersion;
    String host = endpoint.isLocal() ? "127.0.0.1" : URI.create(endpoint.host()).getHost();
    this.settings = new DockerBackendSettings(pollInterval, endpoint.isLocal() ? "127.0.0.1" : "0.0.0.0", host,
        viaPublishedPorts);
  }

  /**
   * Connects, negotiates the API version and, if asked, sweeps leftovers of dead JVMs.
   *
   * @param viaPublishedPorts check readiness on published ports instead of container addresses
   *
   * @throws ServicesException in one line: which daemon, found how, and why it cannot be used
   */
  public static Engine connect(EngineEndpoint endpoint, Duration pollInterval, boolean sweep,
      boolean viaPublishedPorts) {
    DockerClientConfig unversioned = DefaultDockerClientConfig.createDefaultConfigBuilder()
        .withDockerHost(endpoint.host()).build();
    DockerHttpClient http;
    try {
      http = new ZerodepDockerHttpClient.Builder().dockerHost(unversioned.getDockerHost())
          .sslConfig(unversioned.getSSLConfig()).connectionTimeout(Duration.ofSeconds(5)).build();
    } catch (RuntimeException e) {
      throw new ServicesException("cannot use the Docker daemon at " + endpoint.host() + " (" + endpoint.source()
          + "): " + Messages.of(e));
    }
    Version version;
    try {
      version = DockerClientImpl.getInstance(unversioned, http).versionCmd().exec();
    } catch (RuntimeException e) {
      closeQuietly(http);
      throw new ServicesException("cannot connect to the Docker daemon at " + endpoint.host() + " (" + endpoint.source()
          + "): " + Messages.of(e) + "; start dockerd (scripts/engine does), or point DOCKER_HOST at a running engine");
    }
    String api = lower(version.getApiVersion(), NEWEST_API);
    DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
        .withDockerHost(endpoint.host()).withApiVersion(api).build();
    Engine engine = new Engine(DockerClientImpl.getInstance(config, http), http, endpoint, version, api, pollInterval,
        viaPublishedPorts);
    if (sweep) {
      List<String> removed = Leftovers.sweep(engine.docker);
      if (!removed.isEmpty()) {
        LOG.info("ci-services removed leftovers of JVMs that exited: {}", removed);
      }
    }
    return engine;
  }

  /** Starts a plan's services. */
  public RunningServices start(JobPlan plan, StartOptions options) {
    return new ServicesRun(RunContext.of(docker, owner.labels(), settings, plan, options)).start();
  }

  /** Runs a whole job. */
  public JobResult run(JobPlan plan, StartOptions options) {
    return new JobRun(RunContext.of(docker, owner.labels(), settings, plan, options)).run();
  }

  /** One line: which daemon, which API version and why. */
  public String describe() {
    return "Docker " + serverVersion + " at " + endpoint.host() + " (" + endpoint.source() + "), API " + apiVersion
        + " (the daemon's " + serverApiVersion + ", this client's newest " + NEWEST_API + ")";
  }

  /** The negotiated API version. */
  public String apiVersion() {
    return apiVersion;
  }

  /** The docker-java client, for tests and advanced embedding. */
  public DockerClient client() {
    return docker;
  }

  /** This connection's session id, carried by everything it creates. */
  public String session() {
    return owner.session();
  }

  @Override
  public void close() {
    closeQuietly(http);
  }

  static String lower(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      int xi = i < x.length ? Integer.parseInt(x[i]) : 0;
      int yi = i < y.length ? Integer.parseInt(y[i]) : 0;
      if (xi != yi) {
        return xi < yi ? a : b;
      }
    }
    return a;
  }

  private static void closeQuietly(DockerHttpClient http) {
    try {
      http.close();
    } catch (IOException e) {
      LOG.debug("closing the Docker connection failed", e);
    }
  }
}
