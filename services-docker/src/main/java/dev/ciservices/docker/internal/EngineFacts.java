package dev.ciservices.docker.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.api.model.Version;
import com.github.dockerjava.api.model.VersionComponent;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What an engine says about itself when connecting: product (Docker or Podman, which speaks
 * Docker's API), version, API version, OS and kernel, rootless or not, and its default network.
 *
 * @param product {@code Docker} or {@code Podman}
 * @param version the product's version (Podman's own, not the Docker API level it emulates)
 * @param apiVersion the daemon's newest API version
 * @param os the OS the engine reports, e.g. {@code Debian GNU/Linux 12 (bookworm)}, {@code Docker Desktop}
 * @param kernel the kernel the engine reports
 * @param rootless whether the engine runs without root
 * @param id the engine's id, empty when it reports none
 * @param defaultNetwork the network containers join without one: {@code bridge} for Docker, {@code podman} for Podman
 * @param defaultSubnet that network's first IPv4 subnet, e.g. {@code 172.17.0.0/16}; null when unknown
 */
record EngineFacts(String product, String version, String apiVersion, String os, String kernel, boolean rootless,
    String id, String defaultNetwork, @Nullable String defaultSubnet) {

  static EngineFacts of(DockerClient docker, Version version) {
    String product = "Docker";
    String productVersion = version.getVersion();
    List<VersionComponent> components = version.getComponents();
    for (VersionComponent c : components == null ? List.<VersionComponent>of() : components) {
      if (c.getName() != null && c.getName().startsWith("Podman")) {
        product = "Podman";
        productVersion = c.getVersion() != null ? c.getVersion() : productVersion;
      }
    }
    Info info = docker.infoCmd().exec();
    List<String> security = info.getSecurityOptions() == null ? List.of() : info.getSecurityOptions();
    boolean rootless = security.stream().anyMatch(o -> o.equals("rootless") || o.contains("name=rootless"));
    String network = product.equals("Podman") ? "podman" : "bridge";
    return new EngineFacts(product, Objects.requireNonNullElse(productVersion, "?"),
        Objects.requireNonNullElse(version.getApiVersion(), "?"),
        Objects.requireNonNullElse(info.getOperatingSystem(), "an unknown OS"),
        Objects.requireNonNullElse(info.getKernelVersion(), ""), rootless, Objects.requireNonNullElse(info.getId(), ""),
        network, subnet(docker, network));
  }

  private static @Nullable String subnet(DockerClient docker, String name) {
    try {
      Network network = docker.inspectNetworkCmd().withNetworkId(name).exec();
      if (network.getIpam() == null || network.getIpam().getConfig() == null) {
        return null;
      }
      return network.getIpam().getConfig().stream().map(Network.Ipam.Config::getSubnet)
          .filter(s -> s != null && s.matches("[0-9.]+/\\d+")).findFirst().orElse(null);
    } catch (RuntimeException e) {
      return null; // no such network: the choice is left to the first service
    }
  }

  boolean isPodman() {
    return product.equals("Podman");
  }

  /** Docker Desktop (macOS, Windows, Linux) runs its engine in a VM, and so do WSL 2 backends. */
  boolean runsInVm() {
    return os.contains("Docker Desktop") || kernel.contains("linuxkit") || kernel.contains("microsoft")
        || kernel.contains("WSL2");
  }

  /** What tells this engine apart from others in the JVM's cache. */
  String key() {
    return product + " " + version + " " + id;
  }
}
