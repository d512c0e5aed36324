package dev.ciservices;

import dev.ciservices.internal.Checks;
import java.util.List;

/**
 * How one container joins the job's network, fully resolved: the network, the aliases it answers to
 * there, the links it resolves (default bridge only), and the runner's DNS and extra hosts.
 *
 * @param network the network to join: the per-job network's name, or {@code bridge}
 * @param aliases the network aliases (empty on the default bridge, where aliases do not exist)
 * @param links the service hostnames this container resolves through links (default bridge only)
 * @param dns DNS server addresses; empty keeps the engine's
 * @param dnsSearch DNS search domains; empty keeps the engine's
 * @param extraHosts {@code host:ip} entries for {@code /etc/hosts}
 * @param joins in {@link NetworkMode#POD}, the name of the container whose network namespace this one
 *     joins ({@link JobPlan#namespaceOwner()}; {@code network} is then {@code container:<joins>} and
 *     everything else empty: the owner holds the hosts entries, DNS and published ports); empty
 *     otherwise
 */
public record NetworkPlan(String network, List<String> aliases, List<ServiceLink> links, List<String> dns,
    List<String> dnsSearch, List<String> extraHosts, String joins) {

  /** A network of its own (not joining another container's namespace). */
  public NetworkPlan(String network, List<String> aliases, List<ServiceLink> links, List<String> dns,
      List<String> dnsSearch, List<String> extraHosts) {
    this(network, aliases, links, dns, dnsSearch, extraHosts, "");
  }

  /** A container that joins the network namespace of {@code owner}: Docker's {@code --network container:<owner>}. */
  public static NetworkPlan joining(String owner) {
    return new NetworkPlan(CONTAINER_PREFIX + owner, List.of(), List.of(), List.of(), List.of(), List.of(), owner);
  }

  /** The prefix of Docker's network mode that joins another container's namespace. */
  public static final String CONTAINER_PREFIX = "container:";

  /** The name of Docker's default network, used with {@link NetworkMode#LEGACY_LINKS}. */
  public static final String DEFAULT_BRIDGE = "bridge";

  /** Checks and copies the values. */
  public NetworkPlan {
    Checks.notNull("NetworkPlan.network", network);
    aliases = Checks.copyOf("NetworkPlan.aliases", aliases);
    links = List.copyOf(links);
    dns = Checks.copyOf("NetworkPlan.dns", dns);
    dnsSearch = Checks.copyOf("NetworkPlan.dnsSearch", dnsSearch);
    extraHosts = Checks.copyOf("NetworkPlan.extraHosts", extraHosts);
    Checks.notNull("NetworkPlan.joins", joins);
  }

  /**
   * Whether this container joins another's network namespace ({@link #joins()}): it then publishes no
   * ports and sets no hosts entries or DNS of its own (Docker refuses them), the owner does.
   */
  public boolean joinsNamespace() {
    return !joins.isEmpty();
  }

  /** Whether the container joins the default bridge rather than a network of its own job. */
  public boolean defaultBridge() {
    return network.equals(DEFAULT_BRIDGE);
  }
}
