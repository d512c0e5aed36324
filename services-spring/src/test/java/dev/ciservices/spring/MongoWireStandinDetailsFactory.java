package dev.ciservices.spring;

import dev.ciservices.ImageRef;
import dev.ciservices.details.ConnectionDetails;
import dev.ciservices.details.ServiceDetails;
import dev.ciservices.spi.ConnectionDetailsFactory;
import dev.ciservices.spi.DetailsSource;
import java.util.Set;

/**
 * An application's factory (META-INF/services), the way to give an image of another name the
 * details of a known one: {@code ci-services/mongo-wire-standin}, MongoDB's wire protocol without
 * MongoDB, reads its environment as the mongo image does.
 */
public final class MongoWireStandinDetailsFactory implements ConnectionDetailsFactory {
  @Override
  public Set<String> imageNames() {
    return Set.of("ci-services/mongo-wire-standin");
  }

  @Override
  public ConnectionDetails create(DetailsSource source) {
    return ServiceDetails.factory(ImageRef.parse("mongo")).orElseThrow().create(source);
  }
}
