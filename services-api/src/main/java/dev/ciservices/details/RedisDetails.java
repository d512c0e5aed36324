package dev.ciservices.details;

import dev.ciservices.ServiceEndpoint;
import dev.ciservices.internal.details.Uris;
import java.net.URI;
import java.util.List;

/**
 * A Redis-protocol server: Redis, Valkey.
 *
 * @param service the service as messages name it
 * @param endpoint where the client connects
 * @param username the ACL user; empty for the default user
 * @param password the password ({@code --requirepass}); empty when none is required
 * @param database the database index
 * @param unknowns what could not be known
 */
public record RedisDetails(String service, ServiceEndpoint endpoint, String username, String password, int database,
    List<Unknown> unknowns) implements ConnectionDetails {

  /** Copies the list. */
  public RedisDetails {
    unknowns = List.copyOf(unknowns);
  }

  /** {@code redis://[[user]:password@]host:port[/database]}, as Lettuce and Jedis read it. */
  @Override
  public URI uri() {
    String auth = password.isEmpty() ? "" : Uris.encode(username) + ":" + Uris.encode(password) + "@";
    return URI.create("redis://" + auth + endpoint.hostPort() + (database == 0 ? "" : "/" + database));
  }

  @Override
  public String toString() {
    return "RedisDetails{" + service + ", " + endpoint + ", password=" + (password.isEmpty() ? "(none)" : "[MASKED]")
        + (unknowns.isEmpty() ? "" : ", unknown: " + unknowns) + "}";
  }
}
