package dev.ciservices.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Immutable lists grown one item at a time, for builders whose every field is an immutable value. */
public final class Lists {
  private Lists() {}

  /** A new immutable list: {@code list} followed by {@code item}. */
  public static <T> List<T> append(List<T> list, T item) {
    List<T> grown = new ArrayList<>(list.size() + 1);
    grown.addAll(list);
    grown.add(item);
    return Collections.unmodifiableList(grown);
  }
}
