package dev.ciservices.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciservices.junit.CiServices;
import dev.ciservices.junit.Service;
import dev.ciservices.junit.ServiceAlias;
import dev.ciservices.junit.ServiceHandle;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * The JUnit quick start: PostgreSQL and Redis started once for the class, in parallel, as a GitLab
 * job's {@code services:} would be, and reached from the tests through their published ports.
 *
 * <pre>{@code
 * # the same services in .gitlab-ci.yml
 * variables:
 *   POSTGRES_PASSWORD: example
 * services:
 *   - name: postgres:15
 *     alias: db
 *   - name: redis:7
 *     alias: cache
 * }</pre>
 */
@CiServices(variables = "POSTGRES_PASSWORD=example")
@Service(name = "postgres:15", alias = "db", ports = 5432,
    // GitLab's TCP check passes a moment before PostgreSQL accepts logins; wait for its second "ready" line
    waitForLog = ".*database system is ready to accept connections.*", waitForLogTimes = 2)
@Service(name = "redis:7", alias = "cache", ports = 6379)
class PostgresAndRedisIT {
  @ServiceAlias("db")
  static ServiceHandle db;

  @ServiceAlias("cache")
  static ServiceHandle cache;

  static Connection connect() throws SQLException {
    // jdbc:postgresql://127.0.0.1:<published port>/postgres
    return DriverManager.getConnection("jdbc:" + db.uri("postgresql", 5432) + "/postgres", "postgres", "example");
  }

  @BeforeAll
  static void createSchema() throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE greeting (id serial PRIMARY KEY, text varchar(80) NOT NULL)");
    }
  }

  @Test
  void storesAndReadsRowsInPostgres() throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO greeting (text) VALUES ('hello'), ('world')");
      try (ResultSet r = s.executeQuery("SELECT string_agg(text, ' ' ORDER BY id) FROM greeting")) {
        r.next();
        assertThat(r.getString(1)).isEqualTo("hello world");
      }
    }
  }

  @Test
  void countsInRedis() {
    try (Jedis redis = new Jedis(cache.host(), cache.port(6379))) {
      redis.del("visits");
      redis.incr("visits");
      assertThat(redis.incr("visits")).isEqualTo(2);
    }
  }

  @Test
  void servicesHaveGitLabsHostnames(@ServiceAlias("postgres") ServiceHandle postgres) {
    // inside the job network, other services reach PostgreSQL as "postgres" (from the image) or "db" (the alias)
    assertThat(postgres.containerId()).isEqualTo(db.containerId());
    assertThat(db.hostnames()).containsExactly("postgres", "db");
    assertThat(cache.hostnames()).containsExactly("redis", "cache");
  }
}
