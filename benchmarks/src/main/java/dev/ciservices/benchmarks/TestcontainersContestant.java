package dev.ciservices.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.utility.DockerImageName;

/**
 * Testcontainers 2.x: a {@link GenericContainer} per service on a shared {@link Network} with the
 * same aliases, the image's port exposed (so published on the host) and the default wait strategy
 * (a host-side connect to the published port plus an in-container shell loop that greps
 * {@code /proc/net/tcp*} every 100 ms), all started with {@link Startables#deepStart}; stopped in
 * parallel, then the network closed. Ryuk is off (TESTCONTAINERS_RYUK_DISABLED=true).
 */
final class TestcontainersContestant implements Contestant {
  private final String runId;
  private final ExecutorService pool;
  private final boolean oneByOne;

  /**
   * @param oneByOne start the containers one after the other, as {@code @Testcontainers} starts its
   *     {@code @Container} fields by default, instead of {@code Startables.deepStart}
   */
  TestcontainersContestant(String runId, ExecutorService pool, boolean oneByOne) {
    this.runId = runId;
    this.pool = pool;
    this.oneByOne = oneByOne;
  }

  @Override
  public String name() {
    return "Testcontainers " + version() + (oneByOne ? " one by one" : "");
  }

  static String version() {
    String v = GenericContainer.class.getPackage().getImplementationVersion();
    return v != null ? v : "2.x";
  }

  @Override
  public Sample run(Scenario scenario) throws Exception {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(Cleanup.RUN, runId);
    labels.put(Cleanup.CONTESTANT, "testcontainers");
    Network network = Network.builder().createNetworkCmdModifier(cmd -> cmd.withLabels(labels)).build();
    List<GenericContainer<?>> containers = new ArrayList<>();
    for (Scenario.Service service : scenario.services()) {
      GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(service.image()))
          .withExposedPorts(service.port())
          .withEnv(Scenario.ENVIRONMENT)
          .withNetwork(network)
          .withNetworkAliases(service.alias())
          .withLabels(labels);
      containers.add(container);
    }
    boolean done = false;
    try {
      long t0 = System.nanoTime();
      if (oneByOne) {
        containers.forEach(GenericContainer::start);
      } else {
        try {
          Startables.deepStart(containers).get();
        } catch (ExecutionException e) {
          throw e.getCause() instanceof Exception ex ? ex : e;
        }
      }
      long ready = System.nanoTime();

      long r0 = System.nanoTime();
      stopAll(containers, network);
      long removed = System.nanoTime();
      done = true;
      return new Sample(Sample.ms(ready - t0), Sample.ms(removed - r0), Double.NaN);
    } finally {
      if (!done) {
        try {
          stopAll(containers, network);
        } catch (RuntimeException e) {
          System.err.println("Testcontainers teardown after a failure: " + e.getMessage());
        }
      }
    }
  }

  private void stopAll(List<GenericContainer<?>> containers, Network network) {
    List<CompletableFuture<Void>> stops = new ArrayList<>();
    for (GenericContainer<?> container : containers) {
      stops.add(CompletableFuture.runAsync(container::stop, pool));
    }
    stops.forEach(CompletableFuture::join);
    network.close();
  }
}
