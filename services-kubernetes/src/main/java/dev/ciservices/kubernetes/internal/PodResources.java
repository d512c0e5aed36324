package dev.ciservices.kubernetes.internal;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.Closeable;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What one start created: the pod, its pull secret and the port-forwards and log streams into it.
 * {@link #removeAll} deletes them once, printing the runner's messages for what fails.
 */
final class PodResources {
  private final KubernetesClient client;
  private final String namespace;
  private final @Nullable Long gracePeriod;
  private final List<Closeable> streams = new ArrayList<>();
  private @Nullable String pod;
  private @Nullable String secret;
  private boolean removed;

  PodResources(KubernetesClient client, String namespace, @Nullable Long gracePeriod) {
    this.client = client;
    this.namespace = namespace;
    this.gracePeriod = gracePeriod;
  }

  synchronized void setPod(String name) {
    this.pod = name;
  }

  synchronized void setSecret(String name) {
    this.secret = name;
  }

  synchronized void addStream(Closeable stream) {
    streams.add(stream);
  }

  synchronized @Nullable String pod() {
    return pod;
  }

  /** Closes the streams, deletes the pod and the secret; returns the errors in the runner's words. */
  synchronized List<String> removeAll() {
    List<String> errors = new ArrayList<>();
    if (removed) {
      return errors;
    }
    removed = true;
    for (Closeable stream : streams) {
      try {
        stream.close();
      } catch (Exception ignored) {
        // a stream into a pod about to be deleted
      }
    }
    if (pod != null) {
      try {
        var op = client.pods().inNamespace(namespace).withName(pod);
        (gracePeriod != null ? op.withGracePeriod(gracePeriod) : op)
            .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
      } catch (RuntimeException e) {
        errors.add("Error cleaning up pod: " + e.getMessage());
      }
    }
    if (secret != null) {
      try {
        client.secrets().inNamespace(namespace).withName(secret).delete();
      } catch (RuntimeException e) {
        errors.add("Error cleaning up secrets: " + e.getMessage());
      }
    }
    return errors;
  }
}
