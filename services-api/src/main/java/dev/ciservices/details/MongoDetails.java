package dev.ciservices.details;

import dev.ciservices.ServiceEndpoint;
import dev.ciservices.internal.details.Uris;
import java.net.URI;
import java.util.List;

/**
 * A MongoDB server.
 *
 * @param service the service as messages name it
 * @param endpoint where the client connects
 * @param username the root user the image created; empty when it runs without authentication
 * @param password its password
 * @param database the database ({@code MONGO_INITDB_DATABASE}, else {@code test} as the driver's default)
 * @param unknowns what could not be known
 */
public record MongoDetails(String service, ServiceEndpoint endpoint, String username, String password,
    String database, List<Unknown> unknowns) implements ConnectionDetails {

  /** Copies the list. */
  public MongoDetails {
    unknowns = List.copyOf(unknowns);
  }

  /**
   * The connection string: {@code mongodb://[user:password@]host:port/database}, with {@code
   * ?authSource=admin} when there is a user (the image creates the root user in {@code admin}).
   */
  public String connectionString() {
    String auth = username.isEmpty() ? "" : Uris.encode(username) + ":" + Uris.encode(password) + "@";
    return "mongodb://" + auth + endpoint.hostPort() + "/" + Uris.encode(database)
        + (username.isEmpty() ? "" : "?authSource=admin");
  }

  @Override
  public URI uri() {
    return URI.create(connectionString());
  }

  @Override
  public String toString() {
    return "MongoDetails{" + service + ", " + endpoint + "/" + database + ", username=" + username + ", password="
        + (password.isEmpty() ? "(none)" : "[MASKED]") + (unknowns.isEmpty() ? "" : ", unknown: " + unknowns) + "}";
  }
}
