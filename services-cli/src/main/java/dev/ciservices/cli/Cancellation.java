package dev.ciservices.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGTERM and SIGINT while a job runs: the job is cancelled (its thread interrupted, so that the
 * backend removes everything it created), then the command prints what was cancelled and removed
 * and exits with the conventional status, 143 or 130. Should the clean-up hang, the process halts
 * after {@link #GRACE_MILLIS}.
 */
final class Cancellation implements AutoCloseable {
  static final long GRACE_MILLIS = 60_000;

  private final List<Signal> signals = new ArrayList<>();
  private final List<SignalHandler> previous = new ArrayList<>();
  private volatile @Nullable String received;

  private Cancellation() {}

  /** Handles SIGTERM and SIGINT by interrupting {@code job} until {@link #close}. */
  static Cancellation install(Thread job) {
    Cancellation c = new Cancellation();
    for (String name : new String[] {"TERM", "INT"}) {
      try {
        Signal signal = new Signal(name);
        c.previous.add(Signal.handle(signal, s -> c.cancel(s, job)));
        c.signals.add(signal);
      } catch (IllegalArgumentException e) {
        // this platform has no such signal, or the JVM reserves it: the JVM's default applies
      }
    }
    return c;
  }

  private void cancel(Signal signal, Thread job) {
    if (received != null) {
      return;
    }
    received = "SIG" + signal.getName();
    job.interrupt();
    int status = status();
    Thread watchdog = new Thread(() -> {
      try {
        Thread.sleep(GRACE_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
      System.err.println("ci-services: the clean-up after " + received + " took more than " + GRACE_MILLIS / 1000
          + " s; exiting without it (ci-services sweep removes what is left)");
      Runtime.getRuntime().halt(status);
    }, "ci-services-cancel-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
  }

  /** The signal received, e.g. {@code SIGTERM}. */
  Optional<String> signal() {
    return Optional.ofNullable(received);
  }

  /** 128 plus the signal's number: 143 for SIGTERM, 130 for SIGINT. */
  int status() {
    return "SIGINT".equals(received) ? 130 : 143;
  }

  @Override
  public void close() {
    for (int i = 0; i < signals.size(); i++) {
      Signal.handle(signals.get(i), previous.get(i));
    }
  }
}
