package dev.ciservices.examples.bookshop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciservices.junit.Service;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.core.StringRedisTemplate;

/** The bookshop against the services a .gitlab-ci.yml would declare, started by ci-services. */
@SpringBootTest
@Service(name = "postgres:15", alias = "db", variables = "POSTGRES_PASSWORD=example",
    waitForLog = ".*database system is ready to accept connections.*", waitForLogTimes = 2)
@Service(name = "redis:7", alias = "cache")
class BookshopIT {
  @Autowired
  BookRepository books;
  @Autowired
  Catalog catalog;
  @Autowired
  StringRedisTemplate redis;

  @Test
  void storesBooksInPostgres() {
    Book saved = books.save(new Book(null, "The Pragmatic Programmer"));
    assertThat(books.findById(saved.id())).contains(saved);
  }

  @Test
  void cachesTitlesInRedis() {
    long id = books.save(new Book(null, "Release It!")).id();
    int before = catalog.databaseLookups();
    assertThat(catalog.title(id)).isEqualTo("Release It!");
    assertThat(catalog.title(id)).isEqualTo("Release It!");
    assertThat(catalog.databaseLookups()).isEqualTo(before + 1);
    assertThat(redis.keys("titles::*")).contains("titles::" + id);
  }
}
