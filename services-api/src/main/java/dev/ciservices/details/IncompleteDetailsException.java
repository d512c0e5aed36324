package dev.ciservices.details;

import dev.ciservices.ServicesException;
import java.util.List;
import java.util.stream.Collectors;

/** Thrown when connection details are needed whole and some value could not be known. */
public class IncompleteDetailsException extends ServicesException {
  private static final long serialVersionUID = 1L;

  private final transient List<Unknown> unknowns;

  /** For the details of {@code service}, e.g. {@code service "db" (postgres:15)}. */
  public IncompleteDetailsException(String service, List<Unknown> unknowns) {
    super(message(service, unknowns));
    this.unknowns = List.copyOf(unknowns);
  }

  /** What could not be known. */
  public List<Unknown> unknowns() {
    return unknowns;
  }

  private static String message(String service, List<Unknown> unknowns) {
    return "The connection details of " + service + " are incomplete: "
        + unknowns.stream().map(Unknown::describe).collect(Collectors.joining("; and "));
  }
}
