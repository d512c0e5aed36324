package dev.ciservices.examples.bookshop;

import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.stereotype.Service;

/** Looks titles up, once per book: later lookups come from the Redis cache {@code titles}. */
@Service
public class Catalog {
  private final BookRepository books;
  private final AtomicInteger lookups = new AtomicInteger();

  Catalog(BookRepository books) {
    this.books = books;
  }

  /** The title of a book. */
  @Cacheable("titles")
  public String title(long id) {
    lookups.incrementAndGet();
    return books.findById(id).map(Book::title).orElseThrow();
  }

  /** How many lookups reached the database. */
  public int databaseLookups() {
    return lookups.get();
  }
}
