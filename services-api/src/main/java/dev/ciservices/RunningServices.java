package dev.ciservices;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * A job's running services. {@link #close()} removes every container, network and volume created
 * for them; it is idempotent and safe to call from any thread.
 */
public interface RunningServices extends AutoCloseable {
  /** The plan that was carried out. */
  JobPlan plan();

  /** The running services, in plan order. */
  List<RunningService> services();

  /**
   * The service that answers to a hostname.
   *
   * @throws NoSuchElementException naming the hostnames there are
   */
  default RunningService service(String hostname) {
    return services().stream().filter(s -> s.hostnames().contains(hostname)).findFirst()
        .orElseThrow(() -> new NoSuchElementException("no service answers to \"" + hostname + "\"; hostnames are "
            + services().stream().map(RunningService::hostnames).toList()));
  }

  /**
   * Leaves every container, network and volume in place for inspection instead of removing them; a
   * later {@link #close()} then removes nothing. For a test that failed with these services.
   *
   * @return how to find what was kept; empty when this backend cannot keep them and removed them
   */
  default Optional<String> keep() {
    close();
    return Optional.empty();
  }

  /** Removes everything created for the job's services. */
  @Override
  void close();
}
