package dev.ciservices;

/**
 * Receives what happens while services start and run. Every method has a default that does nothing,
 * so that later hooks can be added without breaking listeners. Called from backend threads.
 */
public interface ServiceListener {
  /** A listener that ignores everything. */
  ServiceListener NONE = new ServiceListener() {};

  /** A listener that hands every trace line to {@code consumer}, e.g. {@code System.out::println}. */
  static ServiceListener trace(java.util.function.Consumer<String> consumer) {
    return new ServiceListener() {
      @Override
      public void onTrace(String line) {
        consumer.accept(line);
      }
    };
  }

  /** A trace line, as GitLab prints it (may hold ANSI colours); masked values already replaced. */
  default void onTrace(String line) {}

  /** A typed event, with its instant; masked values already replaced in any text it carries. */
  default void onEvent(JobEvent event) {}
}
