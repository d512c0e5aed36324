package dev.ciservices.internal.details;

import dev.ciservices.ServiceEndpoint;
import dev.ciservices.details.ConnectionDetails;
import dev.ciservices.details.JdbcDetails;
import dev.ciservices.details.Unknown;
import dev.ciservices.spi.ConnectionDetailsFactory;
import dev.ciservices.spi.DetailsSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The official mysql and mariadb images. One of the root password options is required ({@code
 * MYSQL_ROOT_PASSWORD}, {@code MYSQL_ALLOW_EMPTY_PASSWORD}, {@code MYSQL_RANDOM_ROOT_PASSWORD}); {@code
 * MYSQL_USER} with {@code MYSQL_PASSWORD} creates a user with all rights on {@code MYSQL_DATABASE}, and
 * the details use that user when there is one, else root. MariaDB reads the same names with {@code
 * MARIADB_} before the {@code MYSQL_} ones (and {@code MARIADB_ALLOW_EMPTY_ROOT_PASSWORD}), and its
 * JDBC URLs say {@code jdbc:mariadb:}.
 */
public final class MySqlDetailsFactory implements ConnectionDetailsFactory {
  private final boolean mariadb;

  /** The mysql image (the ServiceLoader's constructor). */
  public MySqlDetailsFactory() {
    this(false);
  }

  MySqlDetailsFactory(boolean mariadb) {
    this.mariadb = mariadb;
  }

  /** The mariadb image. */
  public static final class MariaDb implements ConnectionDetailsFactory {
    private final MySqlDetailsFactory delegate = new MySqlDetailsFactory(true);

    @Override
    public Set<String> imageNames() {
      return Set.of("mariadb");
    }

    @Override
    public ConnectionDetails create(DetailsSource source) {
      return delegate.create(source);
    }
  }

  @Override
  public Set<String> imageNames() {
    return Set.of("mysql");
  }

  @Override
  public ConnectionDetails create(DetailsSource source) {
    List<Unknown> unknowns = new ArrayList<>();
    String rootPassword = name("ROOT_PASSWORD");
    String allowEmpty = mariadb ? "MARIADB_ALLOW_EMPTY_ROOT_PASSWORD" : "MYSQL_ALLOW_EMPTY_PASSWORD";
    String random = name("RANDOM_ROOT_PASSWORD");
    String database = read(source, "DATABASE", "the database", unknowns).orElse("");
    Optional<String> user = read(source, "USER", "the user", unknowns);
    Optional<String> userPassword = read(source, "PASSWORD", "the password", unknowns);
    if (mariadb && source.nonEmpty("MARIADB_PASSWORD_HASH").isPresent() && userPassword.isEmpty()) {
      unknowns.add(new Unknown("the password", "MARIADB_PASSWORD_HASH", "MARIADB_PASSWORD_HASH gives only a hash of"
          + " the user's password", "set MARIADB_PASSWORD instead"));
    }

    String username;
    String password = "";
    if (user.filter("root"::equals).isPresent()) {
      unknowns.add(new Unknown("the user", name("USER"), name("USER") + " is root, and the image refuses to start:"
          + " " + name("USER") + " and " + name("PASSWORD") + " are for a regular user", "remove " + name("USER")
          + "=root and give root's password with " + rootPassword));
      username = "root";
    } else if (user.isPresent() && (userPassword.isPresent() || source.nonEmpty(name("PASSWORD") + "_FILE").isPresent()
        || source.nonEmpty("MARIADB_PASSWORD_HASH").isPresent() && mariadb)) {
      username = user.get();
      password = userPassword.orElse("");
    } else {
      // no regular user (MYSQL_USER without MYSQL_PASSWORD is not created): root
      username = "root";
      Optional<String> root = read(source, "ROOT_PASSWORD", "the password", unknowns);
      boolean rootFile = source.nonEmpty(rootPassword + "_FILE").isPresent()
          || !mariadb && source.nonEmpty("MYSQL_ROOT_PASSWORD_FILE").isPresent();
      if (root.isPresent()) {
        password = root.get();
      } else if (rootFile) {
        // read() reported it
      } else if (mariadb && source.nonEmpty("MARIADB_ROOT_PASSWORD_HASH").isPresent()) {
        unknowns.add(new Unknown("the password", "MARIADB_ROOT_PASSWORD_HASH", "MARIADB_ROOT_PASSWORD_HASH gives only"
            + " a hash of root's password", "set MARIADB_ROOT_PASSWORD instead, or a user with MARIADB_USER and"
            + " MARIADB_PASSWORD"));
      } else if (isSet(source, random)) {
        unknowns.add(new Unknown("the password", random, random + " makes the image generate root's password at"
            + " start", "set " + rootPassword + ", or a user with " + name("USER") + " and " + name("PASSWORD")));
      } else if (!isSet(source, allowEmpty) && !(mariadb && source.nonEmpty("MYSQL_ALLOW_EMPTY_PASSWORD").isPresent())) {
        unknowns.add(new Unknown("the password", rootPassword, "none of " + rootPassword + ", " + allowEmpty + " and "
            + random + " is set, and the " + (mariadb ? "mariadb" : "mysql") + " image refuses to start without one",
            "set " + rootPassword + " in the service's or the job's variables (or " + allowEmpty + "=yes for an"
                + " empty one)"));
      }
    }
    int port = source.serverPort(3306, Ports.parse(source.nonEmpty("MYSQL_TCP_PORT")), "MYSQL_TCP_PORT", unknowns);
    ServiceEndpoint endpoint = source.endpoint(port, unknowns);
    String url = "jdbc:" + (mariadb ? "mariadb" : "mysql") + "://" + endpoint.hostPort() + "/" + database;
    return new JdbcDetails(source.service(), endpoint, url, username, password, database, unknowns);
  }

  /** {@code MYSQL_<suffix>}, or {@code MARIADB_<suffix>} for MariaDB. */
  private String name(String suffix) {
    return (mariadb ? "MARIADB_" : "MYSQL_") + suffix;
  }

  private boolean isSet(DetailsSource source, String key) {
    return source.nonEmpty(key).isPresent()
        || mariadb && source.nonEmpty(key.replace("MARIADB_", "MYSQL_")).isPresent();
  }

  /** {@code MARIADB_x}, else {@code MYSQL_x}, non-empty; a {@code _FILE} variant makes it unknown. */
  private Optional<String> read(DetailsSource source, String suffix, String what, List<Unknown> unknowns) {
    List<String> keys = mariadb ? List.of("MARIADB_" + suffix, "MYSQL_" + suffix) : List.of("MYSQL_" + suffix);
    for (String key : keys) {
      if (source.nonEmpty(key).isPresent()) {
        return source.nonEmpty(key);
      }
      if (source.nonEmpty(key + "_FILE").isPresent()) {
        unknowns.add(source.inFile(what, key + "_FILE", key));
        return Optional.empty();
      }
    }
    return Optional.empty();
  }
}
