package dev.ciservices.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ciservices.details.JdbcDetails;
import dev.ciservices.details.RedisDetails;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Connection details injected from the images' environments, used by real clients: PostgreSQL's
 * JDBC driver, MariaDB Connector/J and Jedis.
 */
@WithPostgres
@Service(name = "mariadb:10.11", alias = "shopdb", ports = 3306,
    variables = {"MARIADB_RANDOM_ROOT_PASSWORD=yes", "MARIADB_DATABASE=shop", "MARIADB_USER=shop",
        "MARIADB_PASSWORD=shop-pw"})
@Service(name = "redis:7", alias = "cache", ports = 6379, command = {"redis-server", "--requirepass", "s3cret"})
class ConnectionDetailsIT {
  @ServiceAlias("db")
  static JdbcDetails postgres;
  @ServiceAlias("shopdb")
  static JdbcDetails mariadb;
  @ServiceAlias("cache")
  static RedisDetails redis;

  @Test
  void postgresDetailsLogInAsTheImagesDefaultUser() throws SQLException {
    assertThat(postgres.jdbcUrl()).matches("jdbc:postgresql://127\\.0\\.0\\.1:\\d+/postgres");
    assertThat(whoAmI(postgres, "SELECT current_user || ' ' || current_database()")).isEqualTo("postgres postgres");
  }

  @Test
  void mariadbDetailsLogInAsTheUserTheImageCreated() throws SQLException {
    assertThat(mariadb.jdbcUrl()).matches("jdbc:mariadb://127\\.0\\.0\\.1:\\d+/shop");
    assertThat(whoAmI(mariadb, "SELECT CONCAT(CURRENT_USER(), ' ', DATABASE())")).isEqualTo("shop@% shop");
  }

  @Test
  void redisDetailsCarryThePasswordFromTheCommand() {
    try (Jedis jedis = new Jedis(redis.uri())) {
      assertThat(jedis.ping()).isEqualTo("PONG");
    }
    try (Jedis anonymous = new Jedis(redis.endpoint().host(), redis.endpoint().port())) {
      assertThatThrownBy(anonymous::ping).isInstanceOf(JedisDataException.class).hasMessageContaining("NOAUTH");
    }
  }

  @Test
  void theHandleGivesTheSameDetails(@ServiceAlias("db") ServiceHandle db, @ServiceAlias("shopdb") JdbcDetails param) {
    assertThat(db.details(JdbcDetails.class)).isEqualTo(postgres);
    assertThat(param).isEqualTo(mariadb);
  }

  @Test
  void anUnpublishedPortFailsTheFieldWithTheFix() {
    assertThat(Kit.onlyFailure(Kit.run(Unpublished.class)))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessage("[static field RedisDetails ConnectionDetailsIT$Unpublished.cache] cannot receive them: The"
            + " connection details of service \"cache\" (redis:7) are incomplete: the port: container port 6379 is"
            + " not published for the JVM (published: []); add 6379 to the service's ports (declared by"
            + " [@Service(name = \"redis:7\", alias = \"cache\")] on ConnectionDetailsIT$Unpublished)");
  }

  @Test
  void detailsOfAnotherKindFailTheFieldNamingBoth() {
    assertThat(Kit.onlyFailure(Kit.run(WrongKind.class)))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessage("[static field JdbcDetails ConnectionDetailsIT$WrongKind.cache] cannot receive them: service"
            + " \"cache\" (redis:7) has RedisDetails, not JdbcDetails (declared by [@Service(name = \"redis:7\","
            + " alias = \"cache\", ports = 6379)] on ConnectionDetailsIT$WrongKind)");
  }

  private static String whoAmI(JdbcDetails db, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
        Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getString(1);
    }
  }

  @Inner
  @Service(name = "redis:7", alias = "cache")
  static class Unpublished {
    @ServiceAlias("cache")
    static RedisDetails cache;

    @Test
    void test() {}
  }

  @Inner
  @Service(name = "redis:7", alias = "cache", ports = 6379)
  static class WrongKind {
    @ServiceAlias("cache")
    static JdbcDetails cache;

    @Test
    void test() {}
  }
}
