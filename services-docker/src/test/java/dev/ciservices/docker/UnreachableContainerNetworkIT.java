package dev.ciservices.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A JVM that reaches the engine's socket but not its container network, as on Docker Desktop, with a
 * rootless engine or in a job container beside the engine: here a child JVM in a network namespace
 * of its own. The namespace has a veth pair to the host (10.213.N.2 there, 10.213.N.1 on the host)
 * and no other route, so the engine's unix socket (a file) works, container addresses do not, and
 * published ports bound to 10.213.N.1 do (the FORWARD chain accepts what comes in on that veth). The child starts services with readiness AUTO and must
 * find them ready through published ports; a probe that dials container addresses times out.
 */
class UnreachableContainerNetworkIT {
  private static final long PID = ProcessHandle.current().pid();
  private static final String NAMESPACE = "ciservices-it-" + PID;
  private static final String HOST_VETH = "cis" + PID + "h";
  private static final String NS_VETH = "cis" + PID + "n";
  private static final String SUBNET = "10.213." + (PID % 250) + ".";
  private static final String HOST_ADDRESS = SUBNET + "1";

  @BeforeAll
  static void networkNamespace() throws Exception {
    sh("ip", "netns", "add", NAMESPACE);
    sh("ip", "link", "add", HOST_VETH, "type", "veth", "peer", "name", NS_VETH);
    sh("ip", "link", "set", NS_VETH, "netns", NAMESPACE);
    sh("ip", "addr", "add", HOST_ADDRESS + "/30", "dev", HOST_VETH);
    sh("ip", "link", "set", HOST_VETH, "up");
    sh("ip", "netns", "exec", NAMESPACE, "ip", "addr", "add", SUBNET + "2/30", "dev", NS_VETH);
    sh("ip", "netns", "exec", NAMESPACE, "ip", "link", "set", NS_VETH, "up");
    sh("ip", "netns", "exec", NAMESPACE, "ip", "link", "set", "lo", "up");
    // Docker sets the FORWARD policy to DROP and accepts only what it publishes itself; Podman's
    // netavark publishes by DNAT too but accepts forwarded connections only from its own networks
    sh("iptables", "-I", "FORWARD", "1", "-i", HOST_VETH, "-j", "ACCEPT");
  }

  @AfterAll
  static void removeNamespace() throws Exception {
    sh("iptables", "-D", "FORWARD", "-i", HOST_VETH, "-j", "ACCEPT");
    // deleting the namespace deletes its end of the veth pair, and with it the host's end
    sh("ip", "netns", "del", NAMESPACE);
  }

  @Test
  void servicesAreReadyThroughPublishedPortsWhenTheJvmCannotReachContainers() throws Exception {
    List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", NAMESPACE,
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        "-Dciservices.docker.published-host=" + HOST_ADDRESS,
        UnreachableNetworkChild.class.getName()));
    Path log = Files.createTempFile("ciservices-netns-child", ".log");
    Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    String output;
    boolean ended;
    try {
      ended = child.waitFor(120, TimeUnit.SECONDS);
    } finally {
      child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      output = Files.readString(log);
      Files.delete(log);
      // what a killed child left is swept by the next connect: this one
      DockerBackend.connect().close();
    }
    System.out.println(output);
    assertThat(ended).as("the child JVM ended in time:\n%s", output).isTrue();
    assertThat(output)
        // the setup: the socket answers, container addresses are unroutable from the namespace
        .containsPattern("dial 1[0-9.]+:6379 from the namespace: .*(Network is unreachable|No route to host)")
        .containsPattern("Running with ci-services on (Docker|Podman) .*; readiness: published port \\(this JVM has no"
            + " route to (the engine's network \\S+ [0-9./]+: it runs in another network namespace than the engine's"
            + " containers|the first service's address [0-9.]+: its containers live in another network namespace"
            + " or VM)\\)")
        .contains("redis answered PING through " + HOST_ADDRESS + ": +PONG")
        .contains("services ready: redis:7, ci-services/http-api:latest");
    assertThat(child.exitValue()).as(output).isZero();
  }

  private static void sh(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException(String.join(" ", command) + " did not finish in 30 s");
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " exited with " + p.exitValue() + ": " + out);
    }
  }
}
