package dev.ciservices.kubernetes;

import dev.ciservices.JobPlan;
import dev.ciservices.JobResult;
import dev.ciservices.RunningServices;
import dev.ciservices.ServicesException;
import dev.ciservices.StartOptions;
import dev.ciservices.kubernetes.internal.Clients;
import dev.ciservices.kubernetes.internal.Cluster;
import dev.ciservices.spi.ServiceBackend;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link JobPlan}'s services in one pod, as GitLab Runner's Kubernetes executor does: {@code
 * build}, {@code helper} and the services sorted by container name, sharing the pod's network, the
 * services' host aliases for 127.0.0.1, the health check only for services that set {@code
 * HEALTHCHECK_TCP_PORT} (a failure fails the job), and the pod and its pull secret deleted on close,
 * on failure and at JVM exit. Thread-safe; one instance can start many jobs.
 */
public final class KubernetesBackend implements ServiceBackend {
  private static final Logger LOG = LoggerFactory.getLogger(KubernetesBackend.class);

  private final Cluster cluster;

  private KubernetesBackend(Cluster cluster) {
    this.cluster = cluster;
  }

  /**
   * Connects to the cluster {@code kubectl} would use: {@code KUBECONFIG}, else {@code
   * ~/.kube/config}, else the pod's service account; the namespace is the runner's {@code namespace},
   * else the context's, else {@code default}.
   *
   * @throws ServicesException in one line when no configuration is found
   */
  public static KubernetesBackend connect(KubernetesOptions options) {
    if (!configured()) {
      throw new ServicesException("no Kubernetes configuration: KUBECONFIG is not set, ~/.kube/config does not"
          + " exist and this is not a pod with a service account; point KUBECONFIG at a kubeconfig file");
    }
    KubernetesClient client = Clients.build(Config.autoConfigure(null));
    return connect(client, options, true);
  }

  /** Connects with {@link KubernetesOptions#defaults()}. */
  public static KubernetesBackend connect() {
    return connect(KubernetesOptions.defaults());
  }

  /**
   * Uses this client (its namespace is the context's); the caller closes the client. A client built
   * while {@code io.fabric8.kubernetes.client.http.HttpLoggingInterceptor} logs at TRACE logs every
   * request's headers and body, the pod's environment and the pull secret's data included: the
   * clients {@link #connect(KubernetesOptions)} builds never do.
   */
  public static KubernetesBackend connect(KubernetesClient client, KubernetesOptions options) {
    return connect(client, options, false);
  }

  private static KubernetesBackend connect(KubernetesClient client, KubernetesOptions options, boolean owns) {
    String namespace;
    String source;
    if (options.runner().namespace().isPresent()) {
      namespace = options.runner().namespace().get();
      source = "runner configuration";
    } else if (client.getNamespace() != null && !client.getNamespace().isEmpty()) {
      namespace = client.getNamespace();
      source = "kubeconfig context";
    } else {
      namespace = "default";
      source = "Namespace is empty, therefore assuming 'default'.";
    }
    Cluster cluster = new Cluster(client, namespace, source, options.runner(), options.access(), owns);
    if (options.sweepLeftovers()) {
      try {
        List<String> removed = cluster.sweepLeftovers();
        if (!removed.isEmpty()) {
          LOG.info("ci-services removed what killed JVMs left in namespace {}: {}", namespace, removed);
        }
      } catch (RuntimeException e) {
        if (owns) {
          client.close();
        }
        throw new ServicesException("cannot use the Kubernetes API at " + client.getMasterUrl() + " (namespace "
            + namespace + "): " + e.getMessage() + "; check KUBECONFIG and the context's credentials", e);
      }
    }
    return new KubernetesBackend(cluster);
  }

  private static boolean configured() {
    // fabric8 reads the system property kubeconfig before the environment variable, as this does
    String kubeconfig = System.getProperty("kubeconfig", System.getenv("KUBECONFIG"));
    if (kubeconfig != null && !kubeconfig.isBlank()) {
      return true;
    }
    if (Files.isRegularFile(Path.of(System.getProperty("user.home"), ".kube", "config"))) {
      return true;
    }
    return System.getenv("KUBERNETES_SERVICE_HOST") != null
        && Files.isRegularFile(Path.of(Config.KUBERNETES_SERVICE_ACCOUNT_TOKEN_PATH));
  }

  @Override
  public String name() {
    return "kubernetes";
  }

  @Override
  public RunningServices start(JobPlan plan, StartOptions options) {
    return cluster.start(plan, options);
  }

  @Override
  public JobResult run(JobPlan plan, StartOptions options) {
    return cluster.run(plan, options);
  }

  /** Which API server, which namespace, and why: one line. */
  public String describe() {
    return cluster.describe();
  }

  /** The namespace jobs run in. */
  public String namespace() {
    return cluster.namespace();
  }

  /** The fabric8 client, for what this backend does not cover; not a stable API. */
  public KubernetesClient kubernetesClient() {
    return cluster.client();
  }

  @Override
  public void close() {
    cluster.close();
  }

  @Override
  public String toString() {
    return describe();
  }
}
