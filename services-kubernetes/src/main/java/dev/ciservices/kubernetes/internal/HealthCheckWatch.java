package dev.ciservices.kubernetes.internal;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Supervises every container of the pod while the health check runs, as the runner does: the first
 * one that terminates, even with exit 0, aborts the check.
 */
final class HealthCheckWatch {
  private final KubernetesClient client;
  private final String namespace;
  private final String pod;
  private final List<String> containers;
  private final Duration interval;
  private final AtomicReference<String> problem = new AtomicReference<>();
  private volatile boolean running = true;
  private Thread thread = new Thread(() -> { });

  HealthCheckWatch(KubernetesClient client, String namespace, String pod, List<String> containers, Duration interval) {
    this.client = client;
    this.namespace = namespace;
    this.pod = pod;
    this.containers = List.copyOf(containers);
    this.interval = interval;
  }

  void start() {
    thread = new Thread(this::watch, "ci-services-health-check-" + pod);
    thread.setDaemon(true);
    thread.start();
  }

  private void watch() {
    while (running && problem.get() == null) {
      try {
        Pod p = client.pods().inNamespace(namespace).withName(pod).get();
        if (p == null) {
          problem.compareAndSet(null, "pod \"" + namespace + "/" + pod + "\" is deleted");
        } else {
          ContainerProblems.terminated(p, containers).ifPresent(t -> problem.compareAndSet(null, t));
          if (p.getStatus() != null && p.getStatus().getPhase() != null && !"Running".equals(p.getStatus().getPhase())) {
            problem.compareAndSet(null, "pod \"" + pod + "\" status is \"" + p.getStatus().getPhase() + "\"");
          }
        }
        Thread.sleep(interval.toMillis());
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        // a failed poll is retried at the next interval
      }
    }
  }

  Optional<String> problem() {
    return Optional.ofNullable(problem.get());
  }

  void stop() throws InterruptedException {
    running = false;
    thread.interrupt();
    thread.join(5_000);
  }
}
