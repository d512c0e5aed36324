package dev.ciservices.examples.bookshop;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** The same test with Testcontainers and Spring Boot's {@code @ServiceConnection}, for comparison. */
@SpringBootTest
@Testcontainers
class BookshopTestcontainersIT {
  @Container
  @ServiceConnection
  static PostgreSQLContainer db = new PostgreSQLContainer("postgres:15").withPassword("example");
  @Container
  @ServiceConnection(name = "redis")
  static GenericContainer<?> cache = new GenericContainer<>("redis:7").withExposedPorts(6379);

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
