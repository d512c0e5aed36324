package dev.ciservices.examples.bookshop;

import org.springframework.data.repository.CrudRepository;

/** The books, in PostgreSQL. */
public interface BookRepository extends CrudRepository<Book, Long> {}
