package dev.ciservices.spi;

/**
 * Creates a {@link ServiceBackend}; found with {@link java.util.ServiceLoader}. Providers are tried by
 * descending {@link #priority()} unless one is chosen by name.
 */
public interface ServiceBackendProvider {
  /** The name users choose the backend by, e.g. {@code docker}. */
  String name();

  /** Higher is tried first. */
  default int priority() {
    return 0;
  }

  /**
   * Connects to the engine.
   *
   * @throws dev.ciservices.ServicesException saying in one line why the engine cannot be used
   */
  ServiceBackend create();
}
