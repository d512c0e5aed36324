package dev.ciservices.details;

import dev.ciservices.ServiceEndpoint;
import java.net.URI;
import java.util.List;

/**
 * What a client needs to connect to one running service, as its image defines it. Seen from the JVM
 * (the published host and port) or from a job (the service's hostname and container port).
 *
 * <p>Values the image's environment does not tell are listed in {@link #unknowns()} instead of being
 * guessed; {@link #requireComplete()} turns them into one message naming the service, the variable
 * and the fix. {@code toString()} never shows a password.
 */
public interface ConnectionDetails {

  /** The service as messages name it: {@code service "db" (postgres:15)}. */
  String service();

  /** Where the client connects. */
  ServiceEndpoint endpoint();

  /** A URI for the service, with credentials where the scheme carries them (e.g. {@code redis://}). */
  URI uri();

  /** What could not be known; empty when the details are complete. */
  List<Unknown> unknowns();

  /** Whether every value is known. */
  default boolean complete() {
    return unknowns().isEmpty();
  }

  /**
   * These details, when complete.
   *
   * @throws IncompleteDetailsException naming the service, each unknown value's variable and the fix
   */
  default ConnectionDetails requireComplete() {
    if (!complete()) {
      throw new IncompleteDetailsException(service(), unknowns());
    }
    return this;
  }
}
