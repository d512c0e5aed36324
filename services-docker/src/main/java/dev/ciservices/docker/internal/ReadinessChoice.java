package dev.ciservices.docker.internal;

import dev.ciservices.ReadinessProbe;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * Which readiness probe an engine gets, and why. {@link ReadinessProbe#AUTO} is decided from what
 * can be observed: when connecting, from the endpoint (remote or not), the engine's own report
 * (Docker Desktop, rootless), the JVM's OS and this JVM's routes to the engine's default network;
 * when that leaves it open (Podman creates its bridge with the first container), from a route
 * and one dial to the first service's address. The answer is kept per engine for the JVM's life.
 */
final class ReadinessChoice {
  /** A chosen probe ({@link ReadinessProbe#AUTO}: not decided yet) and the reason, for people. */
  record Decision(ReadinessProbe probe, String reason) {}

  private static final Duration DIAL_TIMEOUT = Duration.ofMillis(500);
  private static final ConcurrentMap<String, ReadinessChoice> BY_ENGINE = new ConcurrentHashMap<>();

  private final Supplier<Optional<Routes>> routes;
  private volatile Decision decision;

  ReadinessChoice(Decision decision, Supplier<Optional<Routes>> routes) {
    this.decision = decision;
    this.routes = routes;
  }

  /** The one choice of this engine in this JVM, made by {@code decide} the first time it is asked for. */
  static ReadinessChoice of(String engineKey, Supplier<Decision> decide) {
    return BY_ENGINE.computeIfAbsent(engineKey,
        k -> new ReadinessChoice(decide.get(), () -> Routes.read(Routes.PROC_NET_ROUTE)));
  }

  /**
   * The choice when connecting: the engine's endpoint, report and this JVM's routes decide, or
   * leave it to the first service ({@link ReadinessProbe#AUTO}).
   */
  static Decision atConnect(EngineEndpoint endpoint, EngineFacts facts, String jvmOs, Optional<Routes> routes) {
    if (!endpoint.isLocal()) {
      return new Decision(ReadinessProbe.PUBLISHED_PORT, "the engine at " + endpoint.host() + " is remote");
    }
    if (facts.runsInVm()) {
      return new Decision(ReadinessProbe.PUBLISHED_PORT, "the engine reports " + facts.os() + " (kernel "
          + facts.kernel() + "): its containers live in a VM");
    }
    if (!jvmOs.toLowerCase(java.util.Locale.ROOT).contains("linux")) {
      return new Decision(ReadinessProbe.PUBLISHED_PORT, "this JVM runs on " + jvmOs
          + ": the engine's containers live in a VM");
    }
    if (facts.rootless()) {
      return new Decision(ReadinessProbe.PUBLISHED_PORT, "the engine is rootless: its containers live in a network"
          + " namespace of its own");
    }
    String subnet = facts.defaultSubnet();
    if (subnet == null || routes.isEmpty()) {
      return new Decision(ReadinessProbe.AUTO, "decided when the first service starts: "
          + (subnet == null ? "the engine's network " + facts.defaultNetwork() + " has no IPv4 subnet"
              : "this JVM's routes cannot be read"));
    }
    Optional<String> via;
    try {
      via = routes.get().interfaceFor(InetAddress.getByName(subnet.substring(0, subnet.indexOf('/'))));
    } catch (UnknownHostException e) {
      via = Optional.empty();
    }
    String network = "the engine's network " + facts.defaultNetwork() + " " + subnet;
    if (via.isPresent()) {
      return new Decision(ReadinessProbe.CONTAINER_ADDRESS, "this JVM has a route to " + network + " via "
          + via.get());
    }
    if (facts.isPodman()) {
      return new Decision(ReadinessProbe.AUTO, "decided when the first service starts: this JVM has no route to "
          + network + " yet, which Podman sets up with the first container");
    }
    return new Decision(ReadinessProbe.PUBLISHED_PORT, "this JVM has no route to " + network
        + ": it runs in another network namespace than the engine's containers");
  }

  Decision current() {
    return decision;
  }

  /**
   * Decides an open choice from a started container's address: no route from this JVM to it
   * (another network namespace or a VM) or no answer to one dial gives published ports; an answer,
   * even a refusal, proves the address reachable. A decided choice stays as it is.
   */
  synchronized Decision decideOn(String address, int port) {
    if (decision.probe() != ReadinessProbe.AUTO) {
      return decision;
    }
    InetAddress ip;
    try {
      ip = InetAddress.getByName(address);
    } catch (UnknownHostException e) {
      decision = new Decision(ReadinessProbe.PUBLISHED_PORT, "the first service's address " + address
          + " is not an address this JVM can dial");
      return decision;
    }
    Optional<Routes> table = routes.get();
    Optional<String> via = table.flatMap(t -> t.interfaceFor(ip));
    if (table.isPresent() && via.isEmpty()) {
      decision = new Decision(ReadinessProbe.PUBLISHED_PORT, "this JVM has no route to the first service's address "
          + address + ": its containers live in another network namespace or VM");
    } else if (answers(new InetSocketAddress(ip, port))) {
      decision = new Decision(ReadinessProbe.CONTAINER_ADDRESS, "this JVM reached the first service's address "
          + address + via.map(i -> " via " + i).orElse(""));
    } else {
      decision = new Decision(ReadinessProbe.PUBLISHED_PORT, "the first service's address " + address
          + " did not answer this JVM within " + DIAL_TIMEOUT.toMillis() + " ms");
    }
    return decision;
  }

  /** A connection or a refusal: either way the address answered. */
  private static boolean answers(InetSocketAddress target) {
    try (Socket socket = new Socket()) {
      socket.connect(target, (int) DIAL_TIMEOUT.toMillis());
      return true;
    } catch (ConnectException e) {
      return e.getMessage() != null && e.getMessage().contains("refused");
    } catch (IOException e) {
      return false;
    }
  }
}
