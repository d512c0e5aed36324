package dev.ciservices.docker.internal;

/** The words that say what a clean-up removed, for the messages of an interrupted job. */
final class Removed {
  private Removed() {}

  /** {@code ; removed container a, network b, volume c}, or {@code ; nothing had been created}. */
  static String describe(Resources.Result result) {
    String removed = result.removed().isEmpty() ? "; nothing had been created"
        : "; removed " + String.join(", ", result.removed());
    return removed + (result.errors().isEmpty() ? "" : "; could not remove " + String.join(", ", result.errors()));
  }
}
