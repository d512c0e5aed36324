package dev.ciservices.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run --backend kubernetes} against fabric8's mock API server, found through a kubeconfig file. */
class KubernetesRunTest {
  private static final java.util.logging.Logger MOCK_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

  @TempDir
  Path dir;

  private final KubernetesMockServer server;
  private final KubernetesClient client;

  KubernetesRunTest() {
    MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
    Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    server = new KubernetesMockServer(new Context(), new MockWebServer(), responses,
        new KubernetesMixedDispatcher(responses), false);
    server.init();
    client = server.createClient();
  }

  @AfterEach
  void stop() {
    System.clearProperty("kubeconfig");
    client.close();
    server.destroy();
  }

  @Test
  void runsTheJobInAPodOfTheClusterTheKubeconfigNamesAndReportsItsFailure() throws Exception {
    Path kubeconfig = dir.resolve("config");
    Files.writeString(kubeconfig, String.join("\n", "apiVersion: v1", "kind: Config",
        "clusters: [{name: mock, cluster: {server: '" + client.getMasterUrl() + "'}}]",
        "users: [{name: me, user: {token: t}}]",
        "contexts: [{name: here, context: {cluster: mock, user: me, namespace: jobs}}]",
        "current-context: here", ""));
    System.setProperty("kubeconfig", kubeconfig.toString());
    Files.writeString(dir.resolve(".gitlab-ci.yml"), String.join("\n", "test:", "  image: alpine:3.22",
        "  services:", "    - name: redis:7", "      alias: cache", "  script:", "    - echo hi", ""));
    CompletableFuture<Cli> cli = CompletableFuture.supplyAsync(() -> Cli.run("run", "test", "--backend", "kubernetes",
        "--file", dir.resolve(".gitlab-ci.yml").toString()));
    Pod pod = awaitPod();
    String name = pod.getMetadata().getName();
    assertThat(pod.getSpec().getContainers()).extracting(c -> c.getName()).containsExactly("build", "helper", "cache");
    // the kubelet fails the pod: the job's scripts are covered in services-kubernetes, this is the command line
    pod.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder().withPhase("Failed").build());
    client.pods().inNamespace("jobs").resource(pod).updateStatus();
    Cli result = cli.get(30, TimeUnit.SECONDS);
    assertThat(result.out()).contains("Running with ci-services on Kubernetes at " + client.getMasterUrl()
        + ", namespace jobs (kubeconfig context)", "Using Kubernetes namespace: jobs",
        "Using Kubernetes executor with image alpine:3.22 ...",
        "ERROR: Job failed (system failure): prepare environment: waiting for pod running: pod status is failed.");
    assertThat(result.err()).isEqualTo("ci-services: prepare environment: waiting for pod running: pod status is"
        + " failed. Check https://docs.gitlab.com/runner/shells/index.html#shell-profile-loading for more"
        + " information.\n");
    assertThat(result.status()).isEqualTo(1);
    assertThat(client.pods().inNamespace("jobs").list().getItems()).isEmpty();
  }

  @Test
  void anUnknownBackendIsAUsageError() throws Exception {
    Files.writeString(dir.resolve(".gitlab-ci.yml"), "test:\n  image: alpine:3.22\n  script:\n    - echo ok\n");
    Cli cli = Cli.run("run", "test", "--backend", "podman", "--file", dir.resolve(".gitlab-ci.yml").toString());
    assertThat(cli.status()).isEqualTo(2);
    assertThat(cli.err()).isEqualTo("ci-services: --backend \"podman\" is not a backend; use docker or kubernetes\n");
  }

  @Test
  void anUnknownWorkspaceModeIsAUsageError() throws Exception {
    Files.writeString(dir.resolve(".gitlab-ci.yml"), "test:\n  image: alpine:3.22\n  script:\n    - echo ok\n");
    Cli cli = Cli.run("run", "test", "--workspace", "clone", "--file", dir.resolve(".gitlab-ci.yml").toString());
    assertThat(cli.status()).isEqualTo(2);
    assertThat(cli.err()).isEqualTo("ci-services: --workspace \"clone\" is not a workspace mode; use tracked,"
        + " directory or bind\n");
  }

  private Pod awaitPod() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      List<Pod> pods = client.pods().inNamespace("jobs").list().getItems();
      if (!pods.isEmpty()) {
        return pods.get(0);
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no pod within 30 s");
  }
}
