package dev.ciservices.examples.bookshop;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cache.annotation.EnableCaching;

/**
 * A small Spring Boot application: books in PostgreSQL (a Spring Data JDBC repository), their titles
 * cached in Redis. Its configuration names no database and no Redis: the tests give Spring Boot the
 * connection details of the services they start.
 */
@SpringBootApplication
@EnableCaching
public class BookshopApp {
  /** Runs the application. */
  public static void main(String[] args) {
    SpringApplication.run(BookshopApp.class, args);
  }
}
