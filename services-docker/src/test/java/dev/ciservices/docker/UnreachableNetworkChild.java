package dev.ciservices.docker;

import dev.ciservices.JobPlan;
import dev.ciservices.JobPlanner;
import dev.ciservices.JobSpec;
import dev.ciservices.NotReadyPolicy;
import dev.ciservices.RunningServices;
import dev.ciservices.ServiceEndpoint;
import dev.ciservices.ServiceListener;
import dev.ciservices.ServiceSpec;
import dev.ciservices.StartOptions;
import dev.ciservices.Wait;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Run by {@link UnreachableContainerNetworkIT} in a network namespace of its own: starts two
 * services with the default options (readiness AUTO) and FAIL policy, then talks to Redis through
 * its published port. Exits 0 when every step worked.
 */
public final class UnreachableNetworkChild {
  private UnreachableNetworkChild() {}

  public static void main(String[] args) throws Exception {
    JobPlan plan = JobPlanner.plan(JobSpec.ofServices(ServiceSpec.builder("redis:7").ports(6379).build(),
        ServiceSpec.builder("ci-services/http-api:latest").waitFor(Wait.forHttp(8080, "/health")).build()),
        Engines.LOCAL.toBuilder().waitForServicesTimeout(20).build());
    try (DockerBackend docker = DockerBackend.connect()) {
      try (RunningServices services = docker.start(plan, StartOptions.gitlab(ServiceListener.trace(System.out::println))
          .withNotReadyPolicy(NotReadyPolicy.FAIL))) {
        System.out.println("Running with ci-services on " + docker.describe());
        String address = docker.dockerClient().inspectContainerCmd(services.services().get(0).containerId()).exec()
            .getNetworkSettings().getNetworks().values().iterator().next().getIpAddress();
        System.out.println("dial " + address + ":6379 from the namespace: " + dial(address, 6379));
        ServiceEndpoint redis = services.service("redis").endpoint(6379).orElseThrow();
        try (Socket socket = new Socket()) {
          socket.connect(new InetSocketAddress(redis.host(), redis.port()), 2000);
          socket.setSoTimeout(2000);
          socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
          InputStream in = socket.getInputStream();
          byte[] reply = new byte[5];
          int n = in.readNBytes(reply, 0, 5);
          System.out.println("redis answered PING through " + redis.host() + ": "
              + new String(reply, 0, n, StandardCharsets.US_ASCII));
        }
        System.out.println("services ready: redis:7, ci-services/http-api:latest");
      }
    } catch (RuntimeException e) {
      System.out.println("failed: " + e);
      System.exit(1);
    }
  }

  private static String dial(String address, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, port), 1000);
      return "connected";
    } catch (IOException e) {
      return e.getMessage();
    }
  }
}
