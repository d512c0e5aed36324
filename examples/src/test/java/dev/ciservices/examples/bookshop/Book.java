package dev.ciservices.examples.bookshop;

import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A row of table {@code book} ({@code @Table} tells Spring Data that the JDBC module, not Redis's, stores it).
 *
 * @param id the key; null before the first save
 * @param title the title
 */
@Table("book")
public record Book(@Id @Nullable Long id, String title) {}
