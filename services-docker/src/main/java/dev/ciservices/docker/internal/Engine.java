package dev.ciservices.docker.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Version;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.core.RemoteApiVersion;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import dev.ciservices.EngineInfo;
import dev.ciservices.JobPlan;
import dev.ciservices.JobResult;
import dev.ciservices.ReadinessProbe;
import dev.ciservices.RunningServices;
import dev.ciservices.ServicesException;
import dev.ciservices.StartOptions;
import dev.ciservices.docker.SweepReport;
import dev.ciservices.internal.MaskedFailures;
import dev.ciservices.internal.Masker;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
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
  /** The BouncyCastle that docker-java was built with, for TLS engines (services-docker leaves it out). */
  static final String BOUNCY_CASTLE_VERSION = "1.82";
  private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

  /** A probe chosen by the user, and by what (for the reason). */
  public record AskedProbe(ReadinessProbe probe, String by) {}

  private final DockerClient docker;
  private final DockerHttpClient http;
  private final EngineEndpoint endpoint;
  private final EngineFacts facts;
  private final String apiVersion;
  private final Owner owner = new Owner();
  private final DockerBackendSettings settings;
  private final ReadinessChoice readiness;
  private final ExecutorService pool = Threads.newPool();
  private final HttpClient probes = Readiness.newHttpClient();
  private final Usage usage = new Usage(this::release);

  private Engine(DockerClient docker, DockerHttpClient http, EngineEndpoint endpoint, EngineFacts facts,
      String apiVersion, Duration pollInterval, @Nullable AskedProbe asked, @Nullable String publishedHost) {
    this.docker = docker;
    this.http = http;
    this.endpoint = endpoint;
    this.facts = facts;
    this.apiVersion = apiVersion;
    String host = publishedHost != null ? publishedHost
        : endpoint.isLocal() ? "127.0.0.1" : URI.create(endpoint.host()).getHost();
    String bind = !endpoint.isLocal() ? "0.0.0.0"
        : publishedHost == null ? "127.0.0.1" : publishedHost.matches("[0-9.]+|.*:.*") ? publishedHost : "0.0.0.0";
    this.settings = new DockerBackendSettings(pollInterval, bind, host, facts.defaultNetwork(), facts.isPodman());
    this.readiness = asked != null
        ? new ReadinessChoice(new ReadinessChoice.Decision(asked.probe(), "as " + asked.by() + " asks"), Optional::empty)
        : ReadinessChoice.of(facts.key() + "@" + endpoint.host(), () -> ReadinessChoice.atConnect(endpoint, facts,
            System.getProperty("os.name", "?"), Routes.read(Routes.PROC_NET_ROUTE)));
  }

  /**
   * Connects, negotiates the API version and, if asked, sweeps leftovers of dead JVMs.
   *
   * @param asked the readiness probe the user chose, or null to decide it from what the engine shows
   * @param publishedHost where published ports are reached, or null for the default
   *
   * @throws ServicesException in one line: which daemon, found how, and why it cannot be used
   */
  public static Engine connect(EngineEndpoint endpoint, Duration pollInterval, boolean sweep,
      @Nullable AskedProbe asked, @Nullable String publishedHost) {
    DockerClientConfig unversioned = config(endpoint, DefaultDockerClientConfig.createDefaultConfigBuilder()
        .withDockerHost(endpoint.host()));
    DockerHttpClient http;
    try {
      // registry credentials never pass docker-java's transport, which logs headers and wire bytes at DEBUG
      http = new CredentialSafeHttpClient(new ZerodepDockerHttpClient.Builder().dockerHost(unversioned.getDockerHost())
          .sslConfig(unversioned.getSSLConfig()).connectionTimeout(Duration.ofSeconds(5)).build(),
          unversioned.getDockerHost(), unversioned.getSSLConfig(), Duration.ofSeconds(5));
    } catch (NoClassDefFoundError e) {
      throw withoutBouncyCastle(e, "cannot use the Docker daemon at " + endpoint.host() + " (" + endpoint.source() + ")");
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
    DockerClientConfig config = config(endpoint, DefaultDockerClientConfig.createDefaultConfigBuilder()
        .withDockerHost(endpoint.host()).withApiVersion(api));
    DockerClient client = DockerClientImpl.getInstance(config, http);
    EngineFacts facts;
    try {
      facts = EngineFacts.of(client, version);
    } catch (RuntimeException e) {
      closeQuietly(http);
      throw new ServicesException("cannot read the engine's info at " + endpoint.host() + " (" + endpoint.source()
          + "): " + Messages.of(e));
    }
    Engine engine = new Engine(client, http, endpoint, facts, api, pollInterval, asked, publishedHost);
    if (sweep) {
      engine.sweepOnConnect();
    }
    return engine;
  }

  /** The automatic sweep: never fails the connection; one warning line per error. */
  private void sweepOnConnect() {
    try {
      SweepReport report = Leftovers.sweep(docker, null, false, pool);
      if (!report.removed().isEmpty()) {
        LOG.info("ci-services removed leftovers of processes that exited: {}", report.removed());
      }
      report.warnings().forEach(w -> LOG.warn("ci-services sweep: {}", w));
    } catch (RuntimeException e) {
      LOG.warn("ci-services sweep: {}", Messages.of(e));
    }
  }

  /** An explicit sweep; see {@link Leftovers#sweep}. */
  public SweepReport sweep(@Nullable Duration olderThan, boolean dryRun) {
    acquire();
    try {
      return Leftovers.sweep(docker, olderThan, dryRun, pool);
    } finally {
      usage.release();
    }
  }

  /** Starts a plan's services. */
  public RunningServices start(JobPlan plan, StartOptions options) {
    acquire();
    RunContext context = null;
    try {
      context = context(plan, options);
      // the handle releases the engine when it is closed
      return new ServicesRun(context, usage::release).start();
    } catch (RuntimeException e) {
      usage.release();
      throw MaskedFailures.mask(e, masker(plan, context));
    } catch (Error e) {
      usage.release();
      throw e;
    }
  }

  /** Runs a whole job. */
  public JobResult run(JobPlan plan, StartOptions options) {
    acquire();
    RunContext context = null;
    try {
      context = context(plan, options);
      return new JobRun(context).run();
    } catch (RuntimeException e) {
      throw MaskedFailures.mask(e, masker(plan, context));
    } finally {
      usage.release();
    }
  }

  /** The run's masker once there is one: the plan's, with the secrets found at pull time. */
  private static Masker masker(JobPlan plan, @Nullable RunContext context) {
    return context == null ? Masker.of(plan) : context.trace().masker();
  }

  private void acquire() {
    if (!usage.acquire()) {
      throw new ServicesException("the Docker backend for " + endpoint.host() + " is closed; connect a new one"
          + " with DockerBackend.connect()");
    }
  }

  private RunContext context(JobPlan plan, StartOptions options) {
    ReadinessChoice choice = options.readinessProbe() == ReadinessProbe.AUTO ? readiness
        : new ReadinessChoice(new ReadinessChoice.Decision(options.readinessProbe(),
            "as StartOptions.readinessProbe asks"), Optional::empty);
    return RunContext.of(docker, owner.labels(), settings, choice, () -> info(choice), plan, options, pool, probes);
  }

  /** Which engine, and which readiness probe and why. */
  public EngineInfo info() {
    return info(readiness);
  }

  private EngineInfo info(ReadinessChoice choice) {
    ReadinessChoice.Decision d = choice.current();
    return new EngineInfo(facts.product(), facts.version(), apiVersion, facts.os(), facts.rootless(), d.probe(),
        d.reason());
  }

  /** One line: which engine at which address and why, which API version and why, its OS, and the readiness probe. */
  public String describe() {
    EngineInfo info = info();
    return info.name() + " at " + endpoint.host() + " (" + endpoint.source() + "), API " + apiVersion
        + " (the daemon's " + facts.apiVersion() + ", this client's newest " + NEWEST_API + "), " + facts.os()
        + (facts.rootless() ? ", rootless" : "") + "; " + info.readinessLine();
  }

  /** What the engine is: Docker or Podman, and what it can do. */
  EngineFacts facts() {
    return facts;
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

  /**
   * Closes the connection and the threads once nothing uses them: services still running keep them
   * until they are closed, so that they can still remove what they created.
   */
  @Override
  public void close() {
    usage.close();
  }

  private void release() {
    pool.shutdown();
    closeQuietly(http);
  }

  private static DockerClientConfig config(EngineEndpoint endpoint, DefaultDockerClientConfig.Builder builder) {
    try {
      return builder.build();
    } catch (NoClassDefFoundError e) {
      throw withoutBouncyCastle(e, "cannot use the Docker daemon at " + endpoint.host() + " (" + endpoint.source() + ")");
    }
  }

  /**
   * docker-java reads TLS client certificates with BouncyCastle, which services-docker leaves out
   * (10 MB on every user's class path, for engines behind TLS only): one line saying what to add.
   */
  static RuntimeException withoutBouncyCastle(NoClassDefFoundError e, String what) {
    if (!String.valueOf(e.getMessage()).startsWith("org/bouncycastle")) {
      throw e;
    }
    return new ServicesException(what + ": TLS (DOCKER_TLS_VERIFY) reads the client certificate with BouncyCastle,"
        + " which services-docker leaves out; add org.bouncycastle:bcpkix-jdk18on:" + BOUNCY_CASTLE_VERSION
        + " to your dependencies");
  }

  static String lower(String a, String b) {
    return RemoteApiVersion.parseConfig(a).isGreater(RemoteApiVersion.parseConfig(b)) ? b : a;
  }


  private static void closeQuietly(DockerHttpClient http) {
    try {
      http.close();
    } catch (IOException e) {
      LOG.debug("closing the Docker connection failed", e);
    }
  }
}
