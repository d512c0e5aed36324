package dev.ciservices.docker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciservices.ReadinessProbe;
import dev.ciservices.docker.internal.ReadinessChoice.Decision;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How AUTO is decided from what can be seen when connecting, and on the first service's address. */
class ReadinessChoiceTest {
  /** /proc/net/route of a host with Docker's docker0 (172.17.0.0/16) and a default route. */
  private static final Routes HOST = Routes.parse(List.of(
      "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT",
      "eth0\t00000000\t010200C0\t0003\t0\t0\t0\t00000000\t0\t0\t0",
      "docker0\t000011AC\t00000000\t0001\t0\t0\t0\t0000FFFF\t0\t0\t0",
      "eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0"));
  /** A network namespace with a veth to the host only (10.213.7.0/30), as in UnreachableContainerNetworkIT. */
  private static final Routes NAMESPACE = Routes.parse(List.of(
      "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT",
      "cis1n\t0007D50A\t00000000\t0001\t0\t0\t0\tFCFFFFFF\t0\t0\t0"));
  private static final EngineEndpoint SOCKET = new EngineEndpoint("unix:///var/run/docker.sock", "the default socket");

  private static EngineFacts docker(String os, String kernel, boolean rootless) {
    return new EngineFacts("Docker", "20.10.24+dfsg1", "1.41", os, kernel, rootless, "id", "bridge", "172.17.0.0/16");
  }

  private static final EngineFacts LINUX = docker("Debian GNU/Linux 12 (bookworm)", "6.1.0", false);
  private static final EngineFacts PODMAN =
      new EngineFacts("Podman", "4.3.1", "1.41", "debian", "6.1.0", false, "", "podman", "10.88.0.0/16");

  @Test
  void aLocalEngineWhoseNetworkIsRoutedFromHereGetsContainerAddresses() {
    assertThat(ReadinessChoice.atConnect(SOCKET, LINUX, "Linux", Optional.of(HOST))).isEqualTo(new Decision(
        ReadinessProbe.CONTAINER_ADDRESS, "this JVM has a route to the engine's network bridge 172.17.0.0/16 via docker0"));
  }

  @Test
  void aJvmInAnotherNetworkNamespaceGetsPublishedPorts() {
    // the default route does not count: it would send container packets out of the machine
    assertThat(ReadinessChoice.atConnect(SOCKET, LINUX, "Linux", Optional.of(NAMESPACE))).isEqualTo(new Decision(
        ReadinessProbe.PUBLISHED_PORT, "this JVM has no route to the engine's network bridge 172.17.0.0/16: it runs in"
            + " another network namespace than the engine's containers"));
    assertThat(Routes.parse(List.of("h", "eth0\t00000000\t010200C0\t0003\t0\t0\t0\t00000000\t0\t0\t0"))
        .interfaceFor(java.net.InetAddress.getLoopbackAddress())).isEmpty();
  }

  @Test
  void remoteEnginesDockerDesktopRootlessAndOtherOperatingSystemsGetPublishedPorts() {
    assertThat(ReadinessChoice.atConnect(new EngineEndpoint("tcp://ci.example:2375", "DOCKER_HOST"), LINUX, "Linux",
        Optional.of(HOST))).isEqualTo(new Decision(ReadinessProbe.PUBLISHED_PORT,
            "the engine at tcp://ci.example:2375 is remote"));
    assertThat(ReadinessChoice.atConnect(SOCKET, docker("Docker Desktop", "6.10.14-linuxkit", false), "Linux",
        Optional.of(HOST))).isEqualTo(new Decision(ReadinessProbe.PUBLISHED_PORT,
            "the engine reports Docker Desktop (kernel 6.10.14-linuxkit): its containers live in a VM"));
    assertThat(ReadinessChoice.atConnect(SOCKET, LINUX, "Mac OS X", Optional.empty())).isEqualTo(new Decision(
        ReadinessProbe.PUBLISHED_PORT, "this JVM runs on Mac OS X: the engine's containers live in a VM"));
    assertThat(ReadinessChoice.atConnect(SOCKET, docker("Ubuntu 24.04", "6.8.0", true), "Linux", Optional.of(HOST)))
        .isEqualTo(new Decision(ReadinessProbe.PUBLISHED_PORT,
            "the engine is rootless: its containers live in a network namespace of its own"));
  }

  @Test
  void podmanWithoutItsBridgeYetIsDecidedOnTheFirstService() {
    Decision open = ReadinessChoice.atConnect(SOCKET, PODMAN, "Linux", Optional.of(HOST));
    assertThat(open).isEqualTo(new Decision(ReadinessProbe.AUTO, "decided when the first service starts: this JVM"
        + " has no route to the engine's network podman 10.88.0.0/16 yet, which Podman sets up with the first container"));

    ReadinessChoice unreachable = new ReadinessChoice(open, () -> Optional.of(NAMESPACE));
    assertThat(unreachable.decideOn("10.88.0.5", 6379)).isEqualTo(new Decision(ReadinessProbe.PUBLISHED_PORT,
        "this JVM has no route to the first service's address 10.88.0.5: its containers live in another network"
            + " namespace or VM"));
    // decided once: a later address does not change it
    assertThat(unreachable.decideOn("127.0.0.1", 1).probe()).isEqualTo(ReadinessProbe.PUBLISHED_PORT);

    // loopback stands in for a routed container address: a refusal proves that it answers
    Routes loopback = Routes.parse(List.of("h", "lo\t0000007F\t00000000\t0001\t0\t0\t0\t000000FF\t0\t0\t0"));
    ReadinessChoice reachable = new ReadinessChoice(open, () -> Optional.of(loopback));
    assertThat(reachable.decideOn("127.0.0.1", 1)).isEqualTo(new Decision(ReadinessProbe.CONTAINER_ADDRESS,
        "this JVM reached the first service's address 127.0.0.1 via lo"));
  }
}
