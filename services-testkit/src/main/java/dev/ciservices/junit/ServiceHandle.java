package dev.ciservices.junit;

import dev.ciservices.RunningService;
import dev.ciservices.ServiceEndpoint;
import dev.ciservices.details.ConnectionDetails;
import java.net.URI;
import java.util.List;

/**
 * A running service as a test sees it: where its published ports are reachable from the JVM, its
 * hostnames and its container.
 *
 * <p>Valid while the services it belongs to run (see {@link CiServices.Lifecycle}). Thread-safe.
 * Implemented by the extension, not by users. The port methods throw {@link
 * org.junit.jupiter.api.extension.ExtensionConfigurationException} for a container port that the
 * declaration does not publish, naming the declaration to add it to.
 */
public interface ServiceHandle {

  /** The host the published ports are reachable on, e.g. {@code 127.0.0.1}. */
  String host();

  /** The host port a container port is published on. */
  int port(int containerPort);

  /** {@code host:port} of a published container port. */
  String hostPort(int containerPort);

  /** {@code scheme://host:port} of a published container port, e.g. {@code redis://127.0.0.1:49153}. */
  URI uri(String scheme, int containerPort);

  /** The endpoint of a published container port. */
  ServiceEndpoint endpoint(int containerPort);

  /** The hostnames the other services reach this one by, default aliases first. */
  List<String> hostnames();

  /** The container's id. */
  String containerId();

  /** The backend's handle, with the service's plan. */
  RunningService service();

  /**
   * The connection details of the service for the JVM (JDBC URL, user, password, ... from its image and
   * environment), e.g. {@code details(JdbcDetails.class)}.
   *
   * @throws org.junit.jupiter.api.extension.ExtensionConfigurationException when the image has no details
   *     of that type, or when a value is unknown (naming the variable and the fix)
   */
  <T extends ConnectionDetails> T details(Class<T> type);
}
