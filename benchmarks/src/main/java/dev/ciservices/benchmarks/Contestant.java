package dev.ciservices.benchmarks;

/** A way to start a scenario's containers, wait until they listen, and remove them. */
interface Contestant {
  /** The short name in the table. */
  String name();

  /**
   * Starts the scenario, waits until every service listens, removes everything.
   *
   * @throws Exception when a service does not start; whatever was created is removed first
   */
  Sample run(Scenario scenario) throws Exception;
}
