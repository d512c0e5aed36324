package dev.ciservices.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciservices.RunningServices;
import dev.ciservices.details.JdbcDetails;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.data.redis.RedisConnectionDetails;
import org.springframework.boot.autoconfigure.jdbc.JdbcConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A Spring Boot test with services and no properties: the DataSource and Redis's connection factory
 * reach the containers through the ConnectionDetails beans services-spring registers.
 */
@SpringBootTest(classes = TestApp.class)
@WithPostgresAndRedis
class SpringServicesIT {
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
  void theDataSourceLogsInAsTheImagesDefaultUser() {
    assertThat(jdbc.queryForObject("SELECT current_user || '@' || current_database()", String.class))
        .isEqualTo("postgres@postgres");
    assertThat(jdbcDetails.getJdbcUrl()).isEqualTo(
        "jdbc:postgresql://" + services.service("db").endpoint(5432).orElseThrow().hostPort() + "/postgres");
    assertThat(jdbcDetails.getDriverClassName()).isEqualTo("org.postgresql.Driver");
  }

  @Test
  void redisTemplateTalksToTheRedisService() {
    redis.opsForValue().set("greeting", "hello");
    assertThat(redis.opsForValue().get("greeting")).isEqualTo("hello");
    assertThat(redisDetails.getStandalone().getPort())
        .isEqualTo(services.service("cache").endpoint(6379).orElseThrow().port());
  }

  @Test
  void theServicesOwnDetailsAreBeansToo(@Autowired JdbcDetails db) {
    assertThat(db.jdbcUrl()).isEqualTo(jdbcDetails.getJdbcUrl());
    assertThat(db.toString()).doesNotContain("pw,").contains("password=[MASKED]");
  }
}
