package dev.ciservices.details;

import dev.ciservices.ServiceEndpoint;
import java.net.URI;
import java.util.List;

/**
 * An Elasticsearch or OpenSearch node's REST API.
 *
 * @param service the service as messages name it
 * @param endpoint where the client connects
 * @param scheme {@code http}, or {@code https} where the image turns TLS on
 * @param username the built-in user ({@code elastic}, {@code admin}); empty when security is off
 * @param password its password
 * @param unknowns what could not be known
 */
public record SearchDetails(String service, ServiceEndpoint endpoint, String scheme, String username,
    String password, List<Unknown> unknowns) implements ConnectionDetails {

  /** Copies the list. */
  public SearchDetails {
    unknowns = List.copyOf(unknowns);
  }

  /** {@code http://host:port} (credentials go in a header, not in the URI). */
  @Override
  public URI uri() {
    return endpoint.uri(scheme);
  }

  @Override
  public String toString() {
    return "SearchDetails{" + service + ", " + uri() + ", username=" + username + ", password="
        + (password.isEmpty() ? "(none)" : "[MASKED]") + (unknowns.isEmpty() ? "" : ", unknown: " + unknowns) + "}";
  }
}
