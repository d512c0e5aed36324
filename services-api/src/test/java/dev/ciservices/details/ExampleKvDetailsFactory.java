package dev.ciservices.details;

import dev.ciservices.ServiceEndpoint;
import dev.ciservices.spi.ConnectionDetailsFactory;
import dev.ciservices.spi.DetailsSource;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** An application's factory: a new image, and redis read its own way (for the test of the order). */
public final class ExampleKvDetailsFactory implements ConnectionDetailsFactory {

  /** The new image's details. */
  public record KvDetails(String service, ServiceEndpoint endpoint, List<Unknown> unknowns) implements ConnectionDetails {
    @Override
    public URI uri() {
      return endpoint.uri("kv");
    }
  }

  @Override
  public Set<String> imageNames() {
    return Set.of("example/kv", "redis");
  }

  @Override
  public ConnectionDetails create(DetailsSource source) {
    List<Unknown> unknowns = new ArrayList<>();
    if (source.image().path().equals("redis")) {
      if (source.variable("EXAMPLE_OVERRIDE").isPresent()) {
        return new RedisDetails(source.service(), new ServiceEndpoint("overridden", 6379), "", "", 0, unknowns);
      }
      return new dev.ciservices.internal.details.RedisDetailsFactory().create(source);
    }
    return new KvDetails(source.service(), source.endpoint(7000, unknowns), unknowns);
  }
}
