package dev.ciservices.kubernetes.internal;

import dev.ciservices.ServiceListener;
import dev.ciservices.StartOptions;
import dev.ciservices.kubernetes.ServiceAccess;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.HttpLoggingInterceptor;
import org.slf4j.LoggerFactory;

/**
 * Run by {@link FabricHttpLogTest} in a JVM of its own, where fabric8's HTTP logger is at TRACE from
 * the start: starts a job whose pod the API server refuses, with the backend's client ({@code ours})
 * or a plain fabric8 one ({@code plain}, the control). The trace and the failure go to stdout, SLF4J
 * to stderr.
 */
public final class FabricHttpLogChild {
  private FabricHttpLogChild() {}

  public static void main(String[] args) {
    System.out.println("trace enabled: " + LoggerFactory.getLogger(HttpLoggingInterceptor.class).isTraceEnabled());
    try (MockCluster mock = new MockCluster()) {
      mock.server.expect().post().withPath("/api/v1/namespaces/ci/pods")
          .andReturn(422, PodMaskingTest.refusal(422, "refused")).always();
      KubernetesClient client = args[0].equals("ours") ? Clients.build(mock.client.getConfiguration())
          : new KubernetesClientBuilder().withConfig(mock.client.getConfiguration()).build();
      try (client) {
        Cluster cluster = new Cluster(client, MockCluster.NAMESPACE, "test", PodMaskingTest.config(), ServiceAccess.POD_IP,
            false);
        cluster.start(PodMaskingTest.plan(), StartOptions.gitlab(ServiceListener.trace(System.out::println))).close();
      } catch (RuntimeException e) {
        System.out.println("failed: " + e.getMessage());
      }
    }
    System.out.flush();
    System.err.flush();
    System.exit(0);
  }
}
