package dev.ciservices.junit;

import dev.ciservices.RunnerConfig;
import dev.ciservices.JobSpec;
import dev.ciservices.RunningServices;
import dev.ciservices.ServiceListener;
import dev.ciservices.junit.CiServices.Lifecycle;
import dev.ciservices.junit.internal.ServicesExtension;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Starts a {@link JobSpec}'s services for the tests of the class that registers it in a field
 * annotated with {@code @RegisterExtension}: once per class in a static field, once per test method in
 * an instance field (unless {@link #withLifecycle} says otherwise).
 *
 * <pre>
 * &#64;RegisterExtension
 * static CiServicesExtension services = CiServicesExtension.forJob(JobSpec.builder()
 *     .service(ServiceSpec.builder("postgres:15").alias("db").ports(5432).build())
 *     .variable("POSTGRES_PASSWORD", "pw")
 *     .build());
 *
 * &#64;Test
 * void connects(&#64;ServiceAlias("db") ServiceHandle db) { ... db.port(5432) ... }
 * </pre>
 *
 * <p>Behaves as {@link CiServices} does (skipped or failed without an engine, services ready before
 * the first test, {@link ServiceAlias} injection). Immutable: each {@code withX} method returns a
 * copy. Thread-safe.
 */
public final class CiServicesExtension extends ForwardingExtension {
  private final JobSpec job;
  private final @Nullable Lifecycle lifecycle;
  private final @Nullable RunnerConfig config;
  private final boolean keepOnFailure;
  private final boolean logs;
  private final ServiceListener listener;

  private CiServicesExtension(JobSpec job, @Nullable Lifecycle lifecycle, @Nullable RunnerConfig config,
      boolean keepOnFailure, boolean logs, ServiceListener listener) {
    super(ServicesExtension.forJob(job, lifecycle, config, keepOnFailure, logs, listener));
    this.job = job;
    this.lifecycle = lifecycle;
    this.config = config;
    this.keepOnFailure = keepOnFailure;
    this.logs = logs;
    this.listener = listener;
  }

  /** An extension that starts this job's services, with a runner for tests ({@code if-not-present}). */
  public static CiServicesExtension forJob(JobSpec job) {
    return new CiServicesExtension(Objects.requireNonNull(job, "job"), null, null, false, false, ServiceListener.NONE);
  }

  /** A copy with this lifecycle, whatever kind of field holds it. */
  public CiServicesExtension withLifecycle(Lifecycle lifecycle) {
    return new CiServicesExtension(job, Objects.requireNonNull(lifecycle, "lifecycle"), config, keepOnFailure, logs,
        listener);
  }

  /**
   * A copy that uses this runner configuration instead of the default for tests (pull policy {@code
   * if-not-present}, every pull policy allowed, 30 s to be ready).
   */
  public CiServicesExtension withRunnerConfig(RunnerConfig config) {
    return new CiServicesExtension(job, lifecycle, Objects.requireNonNull(config, "config"), keepOnFailure, logs,
        listener);
  }

  /** A copy that keeps the containers when they fail to start; see {@link CiServices#keepOnFailure()}. */
  public CiServicesExtension withKeepOnFailure(boolean keepOnFailure) {
    return new CiServicesExtension(job, lifecycle, config, keepOnFailure, logs, listener);
  }

  /** A copy that routes service logs to SLF4J; see {@link CiServices#logs()}. */
  public CiServicesExtension withLogs(boolean logs) {
    return new CiServicesExtension(job, lifecycle, config, keepOnFailure, logs, listener);
  }

  /** A copy whose starts also send their GitLab-style trace to this listener, from backend threads. */
  public CiServicesExtension withListener(ServiceListener listener) {
    return new CiServicesExtension(job, lifecycle, config, keepOnFailure, logs,
        Objects.requireNonNull(listener, "listener"));
  }

  /**
   * The service that answers to a hostname, among the services this extension started for the test
   * (or {@code @BeforeEach}, {@code @AfterAll}... method) the calling thread runs: under parallel
   * execution, each test sees its own.
   *
   * @throws IllegalStateException when none are running for it (or it is called from another thread)
   * @throws IllegalArgumentException naming the hostnames there are
   */
  public ServiceHandle service(String hostname) {
    return delegate.service(hostname);
  }

  /**
   * The services this extension started for the test (or lifecycle method) the calling thread runs.
   *
   * @throws IllegalStateException when none are running for it (or it is called from another thread)
   */
  public RunningServices running() {
    return delegate.running();
  }

  @Override
  public String toString() {
    return "CiServicesExtension.forJob(" + job + ")";
  }
}
