package dev.ciservices.spi;

import dev.ciservices.details.ConnectionDetails;
import java.util.Set;

/**
 * Reads the connection details of the services run from some images; found with {@link
 * java.util.ServiceLoader}, chosen by image name as Spring Boot chooses its Docker Compose
 * connection details: the image's repository without registry, tag or digest, Docker Hub's {@code
 * docker.io/library/} left out ({@code postgres}, {@code postgis/postgis}, {@code
 * docker.elastic.co/elasticsearch/elasticsearch}). An image pulled through GitLab's dependency
 * proxy ({@code .../dependency_proxy/containers/postgres:15}) counts as the image it proxies.
 *
 * <p>Factories of the application come before the built-in ones, so an application can replace how
 * an image is read. An image no factory names has no details: nothing is guessed.
 */
public interface ConnectionDetailsFactory {

  /** The image names this factory reads, e.g. {@code postgres} and {@code postgis/postgis}. */
  Set<String> imageNames();

  /**
   * The details of one service. Values the environment does not tell go into {@link
   * ConnectionDetails#unknowns()}, each with the variable that would tell and the fix.
   */
  ConnectionDetails create(DetailsSource source);
}
