package dev.ciservices.internal.details;

import dev.ciservices.ServiceEndpoint;
import dev.ciservices.details.ConnectionDetails;
import dev.ciservices.details.RabbitDetails;
import dev.ciservices.details.Unknown;
import dev.ciservices.spi.ConnectionDetailsFactory;
import dev.ciservices.spi.DetailsSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The official rabbitmq image: {@code RABBITMQ_DEFAULT_USER} and {@code RABBITMQ_DEFAULT_PASS}
 * (default {@code guest}, which the image lets connect from other hosts), {@code
 * RABBITMQ_DEFAULT_VHOST} (default {@code /}), {@code RABBITMQ_NODE_PORT} (default 5672).
 */
public final class RabbitDetailsFactory implements ConnectionDetailsFactory {

  @Override
  public Set<String> imageNames() {
    return Set.of("rabbitmq");
  }

  @Override
  public ConnectionDetails create(DetailsSource source) {
    List<Unknown> unknowns = new ArrayList<>();
    String user = read(source, "RABBITMQ_DEFAULT_USER", "the user", unknowns);
    String password = read(source, "RABBITMQ_DEFAULT_PASS", "the password", unknowns);
    String vhost = source.nonEmpty("RABBITMQ_DEFAULT_VHOST").orElse("/");
    int port = source.serverPort(5672, Ports.parse(source.nonEmpty("RABBITMQ_NODE_PORT")), "RABBITMQ_NODE_PORT",
        unknowns);
    ServiceEndpoint endpoint = source.endpoint(port, unknowns);
    return new RabbitDetails(source.service(), endpoint, user, password, vhost, unknowns);
  }

  private static String read(DetailsSource source, String key, String what, List<Unknown> unknowns) {
    if (source.nonEmpty(key + "_FILE").isPresent()) {
      unknowns.add(source.inFile(what, key + "_FILE", key));
      return "";
    }
    return source.nonEmpty(key).orElse("guest");
  }
}
