package dev.ciservices.benchmarks;

/**
 * One measured start and teardown, in milliseconds.
 *
 * @param readyMs from the start to every service listening
 * @param teardownMs removing everything that was created
 * @param runningMs from the start to every container created and started (NaN when the contestant
 *     cannot tell)
 */
record Sample(double readyMs, double teardownMs, double runningMs) {

  static double ms(long nanos) {
    return nanos / 1_000_000.0;
  }
}
