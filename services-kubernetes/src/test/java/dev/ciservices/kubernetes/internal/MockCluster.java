package dev.ciservices.kubernetes.internal;

import dev.ciservices.JobEvent;
import dev.ciservices.ServiceListener;
import dev.ciservices.kubernetes.KubernetesConfig;
import dev.ciservices.kubernetes.ServiceAccess;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * fabric8's mock API server in CRUD mode with expectations in front (for exec and logs), and the
 * test as the kubelet: it waits for the pod to be created and then writes the statuses a kubelet
 * would.
 */
final class MockCluster implements AutoCloseable {
  static final String NAMESPACE = "ci";
  // the mock server logs every request at INFO; kept as a field so the level is not garbage collected
  private static final java.util.logging.Logger MOCK_LOG = quiet();

  final KubernetesMockServer server;
  final KubernetesClient client;
  final Recorder trace = new Recorder();

  MockCluster() {
    Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    server = new KubernetesMockServer(new Context(), new MockWebServer(), responses,
        new KubernetesMixedDispatcher(responses), false);
    server.init();
    client = server.createClient();
  }

  private static java.util.logging.Logger quiet() {
    java.util.logging.Logger log = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");
    log.setLevel(java.util.logging.Level.WARNING);
    return log;
  }

  /**
   * Answers an exec of {@code sh} in this container that receives exactly this script on stdin (any
   * other stdin closes the socket with the mock's "unexpected message" error) with this output and
   * exit code.
   */
  void expectExec(String pod, String container, String script, String output, int exitCode) {
    server.expect().get().withPath(execPath(pod, container))
        // the exit status is timed from the open; one more frame later keeps the socket open until it is read
        .andUpgradeToWebSocket().open(ExecFrames.exit(500, exitCode), ExecFrames.stdout(5_000, ""))
        .expect(stdin(script)).andEmit(ExecFrames.stdout(0, output)).once()
        .done().once();
  }

  static String execPath(String pod, String container) {
    return "/api/v1/namespaces/" + NAMESPACE + "/pods/" + pod + "/exec?command=sh&container=" + container
        + "&stdin=true&stdout=true&stderr=true";
  }

  /** What the client sends for a script: the stdin channel byte, the script, and the closing {@code exit}. */
  static String stdin(String script) {
    return "\u0000" + script + "\nexit $?\n";
  }

  Cluster cluster(KubernetesConfig config) {
    return new Cluster(client, NAMESPACE, "test", config, ServiceAccess.POD_IP, false);
  }

  static KubernetesConfig.Builder fast() {
    return KubernetesConfig.builder().pollInterval(Duration.ofMillis(50)).pollTimeout(Duration.ofSeconds(20));
  }

  /** Waits (at most 20 s) for the pod ci-services creates, and returns it. */
  Pod awaitPod() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      List<Pod> pods = client.pods().inNamespace(NAMESPACE).list().getItems();
      if (!pods.isEmpty()) {
        return pods.get(0);
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no pod was created within 20 s");
  }

  /** Writes the pod's status as the kubelet would. */
  void status(Pod pod, Function<PodStatusBuilder, PodStatusBuilder> status) {
    Pod current = client.pods().inNamespace(NAMESPACE).withName(pod.getMetadata().getName()).get();
    current.setStatus(status.apply(new PodStatusBuilder()).build());
    client.pods().inNamespace(NAMESPACE).resource(current).updateStatus();
  }

  /** Pending, every container waiting with {@code ContainerCreating}, the pod scheduled on no node yet. */
  void pendingCreating(Pod pod) {
    status(pod, s -> s.withPhase("Pending")
        .withConditions(new PodConditionBuilder().withType("Ready").withStatus("False").withReason("ContainersNotReady")
            .withMessage("containers with unready status: [build helper]").build())
        .withContainerStatuses(statuses(pod, c -> waiting(c, "ContainerCreating", null))));
  }

  /** Running, every container running and ready, with this pod IP. */
  void running(Pod pod) {
    status(pod, s -> s.withPhase("Running").withPodIP("10.1.2.3")
        .withContainerStatuses(statuses(pod, c -> running(c))));
  }

  static List<ContainerStatus> statuses(Pod pod, Function<String, ContainerStatus> each) {
    List<ContainerStatus> statuses = new ArrayList<>();
    pod.getSpec().getContainers().forEach(c -> statuses.add(each.apply(c.getName())));
    return statuses;
  }

  static ContainerStatus waiting(String name, String reason, String message) {
    return new ContainerStatusBuilder().withName(name).withImage("image-of-" + name).withReady(false)
        .withState(new ContainerStateBuilder().withNewWaiting().withReason(reason).withMessage(message).endWaiting()
            .build()).build();
  }

  static ContainerStatus running(String name) {
    return new ContainerStatusBuilder().withName(name).withReady(true)
        .withState(new ContainerStateBuilder().withNewRunning().withStartedAt("2026-12-01T00:00:00Z").endRunning()
            .build()).build();
  }

  static ContainerStatus terminated(String name, int exitCode, String reason) {
    return new ContainerStatusBuilder().withName(name).withReady(false)
        .withState(new ContainerStateBuilder().withNewTerminated().withExitCode(exitCode).withReason(reason)
            .endTerminated().build()).build();
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }

  /** Keeps trace lines and events. */
  static final class Recorder implements ServiceListener {
    final List<String> lines = new CopyOnWriteArrayList<>();
    final List<JobEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void onTrace(String line) {
      lines.add(line);
    }

    @Override
    public void onEvent(JobEvent event) {
      events.add(event);
    }

    List<String> snapshot() {
      return Collections.unmodifiableList(new ArrayList<>(lines));
    }
  }
}
