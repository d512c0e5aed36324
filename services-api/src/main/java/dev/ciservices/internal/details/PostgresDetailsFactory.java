package dev.ciservices.internal.details;

import dev.ciservices.ServiceEndpoint;
import dev.ciservices.details.ConnectionDetails;
import dev.ciservices.details.JdbcDetails;
import dev.ciservices.details.Unknown;
import dev.ciservices.spi.ConnectionDetailsFactory;
import dev.ciservices.spi.DetailsSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The official postgres image (and PostGIS, built on it): {@code POSTGRES_USER} (default {@code
 * postgres}), {@code POSTGRES_DB} (default the user), {@code POSTGRES_PASSWORD} (required unless
 * {@code POSTGRES_HOST_AUTH_METHOD=trust}), {@code PGPORT} (default 5432).
 */
public final class PostgresDetailsFactory implements ConnectionDetailsFactory {

  @Override
  public Set<String> imageNames() {
    return Set.of("postgres", "postgis/postgis");
  }

  @Override
  public ConnectionDetails create(DetailsSource source) {
    List<Unknown> unknowns = new ArrayList<>();
    String user = value(source, "POSTGRES_USER", "postgres", "the user", unknowns);
    String database = value(source, "POSTGRES_DB", user, "the database", unknowns);
    String password = value(source, "POSTGRES_PASSWORD", "", "the password", unknowns);
    boolean trust = source.variable("POSTGRES_HOST_AUTH_METHOD").filter("trust"::equals).isPresent();
    if (password.isEmpty() && !trust && source.nonEmpty("POSTGRES_PASSWORD_FILE").isEmpty()) {
      unknowns.add(new Unknown("the password", "POSTGRES_PASSWORD", "POSTGRES_PASSWORD is not set, and the postgres"
          + " image refuses to start without it", "set POSTGRES_PASSWORD in the service's or the job's variables"
          + " (or POSTGRES_HOST_AUTH_METHOD=trust to allow connections without a password)"));
    }
    int port = source.serverPort(5432, Ports.parse(source.nonEmpty("PGPORT")), "PGPORT", unknowns);
    ServiceEndpoint endpoint = source.endpoint(port, unknowns);
    String url = "jdbc:postgresql://" + endpoint.hostPort() + "/" + database;
    return new JdbcDetails(source.service(), endpoint, url, user, password, database, unknowns);
  }

  /** The variable, else its default; its {@code _FILE} twin makes it unknown. */
  private static String value(DetailsSource source, String key, String fallback, String what, List<Unknown> unknowns) {
    if (source.nonEmpty(key + "_FILE").isPresent()) {
      unknowns.add(source.inFile(what, key + "_FILE", key));
      return fallback;
    }
    return source.nonEmpty(key).orElse(fallback);
  }
}
