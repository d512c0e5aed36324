package dev.ciservices.internal.details;

import dev.ciservices.ServiceEndpoint;
import dev.ciservices.details.ConnectionDetails;
import dev.ciservices.details.RedisDetails;
import dev.ciservices.details.Unknown;
import dev.ciservices.spi.ConnectionDetailsFactory;
import dev.ciservices.spi.DetailsSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The official redis image and Valkey's: no variables; the server's options come on the command line
 * ({@code command: ["redis-server", "--requirepass", "secret", "--port", "6380"]}). Without {@code
 * --requirepass} no password is needed.
 */
public final class RedisDetailsFactory implements ConnectionDetailsFactory {

  @Override
  public Set<String> imageNames() {
    return Set.of("redis", "valkey/valkey");
  }

  @Override
  public ConnectionDetails create(DetailsSource source) {
    List<Unknown> unknowns = new ArrayList<>();
    String password = source.option("--requirepass").orElse("");
    int port = source.serverPort(6379, Ports.parse(source.option("--port")), "--port in the service's command",
        unknowns);
    ServiceEndpoint endpoint = source.endpoint(port, unknowns);
    return new RedisDetails(source.service(), endpoint, "", password, 0, unknowns);
  }
}
