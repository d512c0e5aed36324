package dev.ciservices;

import dev.ciservices.spi.ServiceBackend;
import dev.ciservices.spi.ServiceBackendProvider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import org.jspecify.annotations.Nullable;

/**
 * Finds a {@link ServiceBackend}: the one named by the argument, else by the system property {@code
 * ciservices.backend}, else the first provider on the class path, by priority, that can connect.
 * One provider's failure does not stop the others; when all fail, the message lists each.
 */
public final class ServiceBackends {
  /** The system property that names the backend to use. */
  public static final String PROPERTY = "ciservices.backend";

  private ServiceBackends() {}

  /** The backend chosen by the system property, or the best available one. */
  public static ServiceBackend open() {
    return open(System.getProperty(PROPERTY));
  }

  /**
   * The named backend, or the best available one when {@code name} is null.
   *
   * @throws NoBackendException listing every provider tried and why it failed
   */
  public static ServiceBackend open(@Nullable String name) {
    return open(name, ServiceLoader.load(ServiceBackendProvider.class).stream().map(ServiceLoader.Provider::get).toList());
  }

  static ServiceBackend open(@Nullable String name, List<ServiceBackendProvider> providers) {
    List<ServiceBackendProvider> candidates = new ArrayList<>(providers);
    candidates.sort(Comparator.comparingInt(ServiceBackendProvider::priority).reversed());
    if (name != null) {
      candidates.removeIf(p -> !p.name().equals(name));
      if (candidates.isEmpty()) {
        throw new NoBackendException("no service backend named \"" + name + "\"; available: "
            + providers.stream().map(ServiceBackendProvider::name).toList()
            + (providers.isEmpty() ? " (add dev.ciservices:services-docker to the class path)" : ""));
      }
    }
    if (candidates.isEmpty()) {
      throw new NoBackendException(
          "no service backend on the class path; add dev.ciservices:services-docker as a dependency");
    }
    List<String> failures = new ArrayList<>();
    for (ServiceBackendProvider provider : candidates) {
      try {
        return provider.create();
      } catch (RuntimeException e) {
        failures.add(provider.name() + ": " + e.getMessage());
      }
    }
    throw new NoBackendException("no service backend could connect:\n  " + String.join("\n  ", failures));
  }
}
