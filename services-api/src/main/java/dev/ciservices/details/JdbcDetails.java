package dev.ciservices.details;

import dev.ciservices.ServiceEndpoint;
import java.net.URI;
import java.util.List;

/**
 * A relational database: PostgreSQL (and PostGIS), MySQL, MariaDB.
 *
 * @param service the service as messages name it
 * @param endpoint where the client connects
 * @param jdbcUrl e.g. {@code jdbc:postgresql://127.0.0.1:49153/app}
 * @param username the user the image created
 * @param password its password; empty when the image allows none (or when it is unknown)
 * @param database the database the URL names; empty when the image created none
 * @param unknowns what could not be known
 */
public record JdbcDetails(String service, ServiceEndpoint endpoint, String jdbcUrl, String username, String password,
    String database, List<Unknown> unknowns) implements ConnectionDetails {

  /** Copies the list. */
  public JdbcDetails {
    unknowns = List.copyOf(unknowns);
  }

  /** The JDBC URL without {@code jdbc:}, e.g. {@code postgresql://127.0.0.1:49153/app}. */
  @Override
  public URI uri() {
    return URI.create(jdbcUrl.substring("jdbc:".length()));
  }

  @Override
  public String toString() {
    return "JdbcDetails{" + service + ", " + jdbcUrl + ", username=" + username + ", password="
        + (password.isEmpty() ? "(none)" : "[MASKED]") + (unknowns.isEmpty() ? "" : ", unknown: " + unknowns) + "}";
  }
}
