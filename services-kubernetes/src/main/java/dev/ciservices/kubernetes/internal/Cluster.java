package dev.ciservices.kubernetes.internal;

import dev.ciservices.JobPlan;
import dev.ciservices.JobResult;
import dev.ciservices.RunningServices;
import dev.ciservices.StartOptions;
import dev.ciservices.kubernetes.KubernetesConfig;
import dev.ciservices.kubernetes.ServiceAccess;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;

/**
 * A connection to a cluster: the client, the namespace jobs run in, and the owner labels that find
 * this host's leftovers. Thread-safe; every start gets its own {@link PodRun}.
 */
public final class Cluster implements AutoCloseable {
  private final KubernetesClient client;
  private final String namespace;
  private final String namespaceSource;
  private final KubernetesConfig config;
  private final ServiceAccess access;
  private final PodOwner owner = new PodOwner();
  private final boolean ownsClient;

  /**
   * @param namespace the namespace, already chosen: the runner's {@code namespace}, else the context's
   * @param namespaceSource how it was chosen, for {@link #describe()}
   */
  public Cluster(KubernetesClient client, String namespace, String namespaceSource, KubernetesConfig config,
      ServiceAccess access, boolean ownsClient) {
    this.client = client;
    this.namespace = namespace;
    this.namespaceSource = namespaceSource;
    this.config = config;
    this.access = access;
    this.ownsClient = ownsClient;
  }

  public KubernetesClient client() {
    return client;
  }

  public String namespace() {
    return namespace;
  }

  private PodSession session() {
    return new PodSession(client, namespace, config, access, owner.labels());
  }

  public RunningServices start(JobPlan plan, StartOptions options) {
    return new PodRun(session(), plan, options, new PullSecrets()).start();
  }

  public JobResult run(JobPlan plan, StartOptions options) {
    return new PodJob(session(), plan, options, new PullSecrets()).run();
  }

  /**
   * Deletes the pods and secrets in the namespace that JVMs on this host created and left behind
   * when they were killed; a pod whose JVM still runs is never touched. Returns {@code pod <name>}
   * and {@code secret <name>} phrases.
   */
  public List<String> sweepLeftovers() {
    List<String> removed = new ArrayList<>();
    for (Pod pod : client.pods().inNamespace(namespace).withLabel(PodOwner.MANAGED, "true").list().getItems()) {
      if (PodOwner.isLeftover(pod.getMetadata().getLabels())) {
        client.pods().inNamespace(namespace).resource(pod).delete();
        removed.add("pod " + pod.getMetadata().getName());
      }
    }
    for (Secret secret : client.secrets().inNamespace(namespace).withLabel(PodOwner.MANAGED, "true").list().getItems()) {
      if (PodOwner.isLeftover(secret.getMetadata().getLabels())) {
        client.secrets().inNamespace(namespace).resource(secret).delete();
        removed.add("secret " + secret.getMetadata().getName());
      }
    }
    return removed;
  }

  /** The API server, the namespace and how it was chosen: one line. */
  public String describe() {
    return "Kubernetes at " + client.getMasterUrl() + ", namespace " + namespace + " (" + namespaceSource + ")";
  }

  @Override
  public void close() {
    if (ownsClient) {
      client.close();
    }
  }
}
