package dev.ciservices.details;

import dev.ciservices.ImageRef;
import dev.ciservices.RunningService;
import dev.ciservices.ServicePlan;
import dev.ciservices.spi.ConnectionDetailsFactory;
import dev.ciservices.spi.DetailsSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Finds the connection details of a service: the {@link ConnectionDetailsFactory} that names its image
 * reads them from the plan. Pure: nothing is asked of the engine or the container.
 *
 * <pre>{@code
 * JdbcDetails db = ServiceDetails.forJvm(services.service("db"), JdbcDetails.class);
 * DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
 * }</pre>
 */
public final class ServiceDetails {
  private static final Pattern DOCKER_HUB = Pattern.compile("^(?:docker\\.io|index\\.docker\\.io|registry-1\\.docker\\.io)/");
  private static final String DEPENDENCY_PROXY = "/dependency_proxy/containers/";
  private static final String BUILT_IN = "dev.ciservices.internal.details.";

  private ServiceDetails() {}

  /** The details of a service for clients in its job: its hostname and container port; empty for an image no factory names. */
  public static Optional<ConnectionDetails> forJob(ServicePlan plan) {
    return factory(plan.image()).map(f -> f.create(DetailsSource.forJob(plan)));
  }

  /** The details of a running service for clients in the JVM: its published ports; empty for an image no factory names. */
  public static Optional<ConnectionDetails> forJvm(RunningService service) {
    return factory(service.plan().image()).map(f -> f.create(DetailsSource.forJvm(service)));
  }

  /**
   * The details of a running service for the JVM, of the type asked for and complete.
   *
   * @throws IllegalArgumentException when the image has no details, or details of another type
   * @throws IncompleteDetailsException naming the service, the variable and the fix when a value is unknown
   */
  public static <T extends ConnectionDetails> T forJvm(RunningService service, Class<T> type) {
    String name = DetailsSource.forJvm(service).service();
    ConnectionDetails details = forJvm(service).orElseThrow(() -> new IllegalArgumentException(noDetails(name,
        service.plan().image())));
    if (!type.isInstance(details)) {
      throw new IllegalArgumentException(name + " has " + details.getClass().getSimpleName() + ", not "
          + type.getSimpleName());
    }
    return type.cast(details.requireComplete());
  }

  /** {@code service "x" (foo:1) has no connection details: no factory reads image "foo"; known images: [...]}. */
  public static String noDetails(String service, ImageRef image) {
    return service + " has no connection details: no ConnectionDetailsFactory reads image \"" + imageName(image)
        + "\" (known: " + String.join(", ", knownImages()) + ")";
  }

  /** The factory for an image: application factories first, then the built-in ones. */
  public static Optional<ConnectionDetailsFactory> factory(ImageRef image) {
    String name = imageName(image);
    return Factories.ALL.stream().filter(f -> f.imageNames().contains(name)).findFirst();
  }

  /**
   * The name factories are chosen by: the repository without tag or digest, Docker Hub's registry and
   * {@code library/} left out, the part after {@code /dependency_proxy/containers/} for GitLab's
   * dependency proxy.
   */
  public static String imageName(ImageRef image) {
    String name = image.service();
    int proxy = name.indexOf(DEPENDENCY_PROXY);
    if (proxy >= 0) {
      name = name.substring(proxy + DEPENDENCY_PROXY.length());
    }
    name = DOCKER_HUB.matcher(name).replaceFirst("");
    return name.startsWith("library/") ? name.substring("library/".length()) : name;
  }

  /** Every image name some factory reads, sorted. */
  public static List<String> knownImages() {
    TreeSet<String> names = new TreeSet<>();
    Factories.ALL.forEach(f -> names.addAll(f.imageNames()));
    return List.copyOf(names);
  }

  /** Loaded once: the application's factories, then the built-in ones. */
  private static final class Factories {
    static final List<ConnectionDetailsFactory> ALL = load();

    private static List<ConnectionDetailsFactory> load() {
      List<ConnectionDetailsFactory> application = new ArrayList<>();
      List<ConnectionDetailsFactory> builtIn = new ArrayList<>();
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      for (ConnectionDetailsFactory f : ServiceLoader.load(ConnectionDetailsFactory.class,
          loader != null ? loader : ServiceDetails.class.getClassLoader())) {
        (f.getClass().getName().startsWith(BUILT_IN) ? builtIn : application).add(f);
      }
      application.addAll(builtIn);
      return List.copyOf(application);
    }
  }
}
