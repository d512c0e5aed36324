package dev.ciservices.kubernetes;

import java.util.List;

/** One {@code [[runners.kubernetes.host_aliases]]} entry: an address and the hostnames that resolve to it. */
public record HostAlias(String ip, List<String> hostnames) {
  /** Copies the hostnames and checks that there is at least one. */
  public HostAlias {
    hostnames = List.copyOf(hostnames);
    if (ip.isBlank()) {
      throw new IllegalArgumentException("HostAlias.ip is empty; give an address such as 127.0.0.1");
    }
    if (hostnames.isEmpty()) {
      throw new IllegalArgumentException("HostAlias.hostnames of " + ip + " is empty; give at least one hostname");
    }
  }
}
