package dev.ciservices.kubernetes.internal;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import java.io.Closeable;
import java.util.function.Consumer;

/** Follows a container's log with the API server's timestamps ({@code follow=true&timestamps=true}). */
final class PodLogs {
  private PodLogs() {}

  static Closeable follow(KubernetesClient client, String namespace, String pod, String container,
      Consumer<String> onLine) {
    PodExec.Lines lines = new PodExec.Lines(onLine);
    LogWatch watch = client.pods().inNamespace(namespace).withName(pod).inContainer(container).usingTimestamps()
        .watchLog(lines);
    return () -> {
      watch.close();
      lines.flushLast();
    };
  }
}
