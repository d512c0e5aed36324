package dev.ciservices.internal;

import java.util.List;
import java.util.Objects;

/** Argument checks whose messages name the field path. */
public final class Checks {
  private Checks() {}

  /** Fails with {@code <path> <problem>} when the value is null. */
  public static <T> T notNull(String path, T value) {
    if (value == null) {
      throw new IllegalArgumentException(path + " is null");
    }
    return value;
  }

  /** A copy of the list; fails naming the path and index of a null element. */
  public static <T> List<T> copyOf(String path, List<T> values) {
    Objects.requireNonNull(values, path);
    for (int i = 0; i < values.size(); i++) {
      notNull(path + "[" + i + "]", values.get(i));
    }
    return List.copyOf(values);
  }

  /** Runs a check and prefixes its {@link IllegalArgumentException} message with the field path. */
  public static <T> T at(String path, java.util.function.Supplier<T> check) {
    try {
      return check.get();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
    }
  }
}
