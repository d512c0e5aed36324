package dev.ciservices.details;

import dev.ciservices.ServiceEndpoint;
import dev.ciservices.internal.details.Uris;
import java.net.URI;
import java.util.List;

/**
 * A RabbitMQ broker (AMQP 0-9-1).
 *
 * @param service the service as messages name it
 * @param endpoint where the client connects
 * @param username the default user ({@code RABBITMQ_DEFAULT_USER}, else {@code guest})
 * @param password its password ({@code RABBITMQ_DEFAULT_PASS}, else {@code guest})
 * @param virtualHost the default virtual host ({@code RABBITMQ_DEFAULT_VHOST}, else {@code /})
 * @param unknowns what could not be known
 */
public record RabbitDetails(String service, ServiceEndpoint endpoint, String username, String password,
    String virtualHost, List<Unknown> unknowns) implements ConnectionDetails {

  /** Copies the list. */
  public RabbitDetails {
    unknowns = List.copyOf(unknowns);
  }

  /** {@code amqp://user:password@host:port/vhost}, the virtual host encoded ({@code /} is {@code %2F}). */
  @Override
  public URI uri() {
    return URI.create("amqp://" + Uris.encode(username) + ":" + Uris.encode(password) + "@" + endpoint.hostPort()
        + "/" + Uris.encode(virtualHost));
  }

  @Override
  public String toString() {
    return "RabbitDetails{" + service + ", " + endpoint + ", virtualHost=" + virtualHost + ", username=" + username
        + ", password=[MASKED]" + (unknowns.isEmpty() ? "" : ", unknown: " + unknowns) + "}";
  }
}
