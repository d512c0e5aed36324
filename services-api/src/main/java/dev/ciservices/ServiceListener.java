package dev.ciservices;

/**
 * Receives what happens while services start and run. Every method has a default that does nothing,
 * so that later hooks can be added without breaking listeners. Called from backend threads.
 */
public interface ServiceListener {
  /** A listener that ignores everything. */
  ServiceListener NONE = new ServiceListener() {};

  /** A trace line, as GitLab prints it (may hold ANSI colours); masked values already replaced. */
  default void onTrace(String line) {}
}
