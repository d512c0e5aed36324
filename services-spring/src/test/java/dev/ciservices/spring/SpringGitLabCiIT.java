package dev.ciservices.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciservices.RunningServices;
import dev.ciservices.junit.GitLabCiServices;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.data.redis.RedisConnectionDetails;
import org.springframework.boot.autoconfigure.jdbc.JdbcConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A Spring Boot test whose services are a .gitlab-ci.yml job's (src/test/resources/gitlab-ci): the
 * DataSource logs in as the POSTGRES_USER the file's variables create, into its POSTGRES_DB, and Redis's
 * connection factory reaches the file's redis service, with no spring.* properties and no ports.
 */
@SpringBootTest(classes = TestApp.class)
@GitLabCiServices(job = "test", file = SpringGitLabCiIT.FILE)
class SpringGitLabCiIT {
  static final String FILE = "src/test/resources/gitlab-ci/.gitlab-ci.yml";

  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  StringRedisTemplate redis;
  @Autowired
  JdbcConnectionDetails jdbcDetails;
  @Autowired
  RedisConnectionDetails redisDetails;
  @Autowired
  RunningServices services;

  @Test
  void theDataSourceIsTheDatabaseAndUserTheCiFileDeclares() {
    assertThat(firstQuery(() -> jdbc.queryForObject("SELECT current_user || '@' || current_database()",
        String.class))).isEqualTo("shop@orders");
    jdbc.execute("CREATE TABLE line_item (sku text PRIMARY KEY, quantity int)");
    jdbc.update("INSERT INTO line_item VALUES (?, ?), (?, ?)", "book", 2, "pen", 5);
    assertThat(jdbc.queryForObject("SELECT sum(quantity) FROM line_item", Integer.class)).isEqualTo(7);
    assertThat(jdbcDetails.getUsername()).isEqualTo("shop");
    assertThat(jdbcDetails.getJdbcUrl()).isEqualTo(
        "jdbc:postgresql://" + services.service("db").endpoint(5432).orElseThrow().hostPort() + "/orders");
  }

  @Test
  void redisTemplateTalksToTheCiFilesRedis() {
    redis.opsForValue().increment("visits");
    assertThat(redis.opsForValue().increment("visits")).isEqualTo(2);
    assertThat(redisDetails.getStandalone().getPort())
        .isEqualTo(services.service("cache").endpoint(6379).orElseThrow().port());
  }

  /**
   * The first query, retried while PostgreSQL says it is starting up: a service from a CI file has
   * GitLab's TCP health check only, and the port opens a moment before logins are accepted.
   */
  private static <T> T firstQuery(Supplier<T> query) {
    for (int attempt = 0; ; attempt++) {
      try {
        return query.get();
      } catch (DataAccessResourceFailureException e) { // CannotGetJdbcConnectionException among them
        if (attempt >= 50 || !String.valueOf(e.getMostSpecificCause().getMessage()).contains("starting up")) {
          throw e;
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }
}
