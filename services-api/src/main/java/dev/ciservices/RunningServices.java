package dev.ciservices;

import java.util.List;
import java.util.NoSuchElementException;

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

  /** Removes everything created for the job's services. */
  @Override
  void close();
}
