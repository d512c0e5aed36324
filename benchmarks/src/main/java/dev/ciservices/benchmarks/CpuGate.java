package dev.ciservices.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Waits, between runs, until the machine is quiet: nothing of the benchmark runs then, so CPU busy
 * time seen in {@code /proc/stat} is someone else's work (another build or test suite on the same
 * machine), which would otherwise land in the samples.
 */
final class CpuGate {
  private final double threshold;
  private final long windowMillis;
  private final long maxWaitMillis;

  CpuGate(double threshold, long windowMillis, long maxWaitMillis) {
    this.threshold = threshold;
    this.windowMillis = windowMillis;
    this.maxWaitMillis = maxWaitMillis;
  }

  /**
   * Measures CPU use over windows of {@code windowMillis} until it is below the threshold or the
   * wait is over; returns the last window's busy fraction (0 to 1), NaN when {@code /proc/stat} is
   * unreadable. Waits at least one window.
   */
  double awaitQuiet() throws InterruptedException {
    long deadline = System.nanoTime() + maxWaitMillis * 1_000_000;
    while (true) {
      long[] a = sample();
      Thread.sleep(windowMillis);
      long[] b = sample();
      if (a.length == 0 || b.length == 0) {
        return Double.NaN;
      }
      long total = b[0] - a[0];
      double busy = total <= 0 ? 0 : 1.0 - (double) (b[1] - a[1]) / total;
      if (busy < threshold || System.nanoTime() > deadline) {
        return busy;
      }
    }
  }

  double threshold() {
    return threshold;
  }

  /** {total jiffies, idle + iowait jiffies} of all CPUs. */
  private static long[] sample() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long total = 0;
      for (int i = 1; i < f.length && i <= 8; i++) {
        total += Long.parseLong(f[i]);
      }
      return new long[] {total, Long.parseLong(f[4]) + Long.parseLong(f[5])};
    } catch (IOException | RuntimeException e) {
      return new long[0];
    }
  }
}
