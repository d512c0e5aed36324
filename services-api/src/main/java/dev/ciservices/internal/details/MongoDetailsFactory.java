package dev.ciservices.internal.details;

import dev.ciservices.ServiceEndpoint;
import dev.ciservices.details.ConnectionDetails;
import dev.ciservices.details.MongoDetails;
import dev.ciservices.details.Unknown;
import dev.ciservices.spi.ConnectionDetailsFactory;
import dev.ciservices.spi.DetailsSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The official mongo image: {@code MONGO_INITDB_ROOT_USERNAME} and {@code MONGO_INITDB_ROOT_PASSWORD}
 * together create a root user in {@code admin} (without them, no authentication);
 * {@code MONGO_INITDB_DATABASE} names the database (default {@code test}).
 */
public final class MongoDetailsFactory implements ConnectionDetailsFactory {
  private static final String USER = "MONGO_INITDB_ROOT_USERNAME";
  private static final String PASSWORD = "MONGO_INITDB_ROOT_PASSWORD";

  @Override
  public Set<String> imageNames() {
    return Set.of("mongo");
  }

  @Override
  public ConnectionDetails create(DetailsSource source) {
    List<Unknown> unknowns = new ArrayList<>();
    Optional<String> user = read(source, USER, "the user", unknowns);
    Optional<String> password = read(source, PASSWORD, "the password", unknowns);
    boolean userGiven = user.isPresent() || source.nonEmpty(USER + "_FILE").isPresent();
    boolean passwordGiven = password.isPresent() || source.nonEmpty(PASSWORD + "_FILE").isPresent();
    if (userGiven != passwordGiven) {
      String missing = userGiven ? PASSWORD : USER;
      unknowns.add(new Unknown(userGiven ? "the password" : "the user", missing, "only one of " + USER + " and "
          + PASSWORD + " is set, and the mongo image refuses to start so", "set " + missing + " too, or neither"));
    }
    String database = source.nonEmpty("MONGO_INITDB_DATABASE").orElse("test");
    int port = source.serverPort(27017, Ports.parse(source.option("--port")), "--port in the service's command",
        unknowns);
    ServiceEndpoint endpoint = source.endpoint(port, unknowns);
    return new MongoDetails(source.service(), endpoint, user.orElse(""), password.orElse(""), database, unknowns);
  }

  private static Optional<String> read(DetailsSource source, String key, String what, List<Unknown> unknowns) {
    if (source.nonEmpty(key + "_FILE").isPresent()) {
      unknowns.add(source.inFile(what, key + "_FILE", key));
      return Optional.empty();
    }
    return source.nonEmpty(key);
  }
}
