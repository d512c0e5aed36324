package dev.ciservices.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * The once of a handle's clean-up: the first {@link #claim()} (a {@code close()} or a {@code keep()})
 * wins and every later one is refused; made with {@link #atExit}, a JVM shutdown hook also runs the
 * clean-up at exit unless something claimed it before. Thread-safe.
 */
public final class CloseOnce {
  private final AtomicBoolean claimed = new AtomicBoolean();
  private final @Nullable Thread hook;

  private CloseOnce(@Nullable String hookName, @Nullable Runnable atExit) {
    if (hookName == null || atExit == null) {
      hook = null;
      return;
    }
    hook = new Thread(() -> {
      if (claimed.compareAndSet(false, true)) {
        atExit.run();
      }
    }, hookName);
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** Claimed once, with no shutdown hook. */
  public static CloseOnce of() {
    return new CloseOnce(null, null);
  }

  /**
   * Claimed once; registers now a shutdown hook (a thread named {@code hookName}) that runs
   * {@code atExit} at JVM exit unless {@link #claim()} was called before.
   */
  public static CloseOnce atExit(String hookName, Runnable atExit) {
    return new CloseOnce(hookName, atExit);
  }

  /**
   * True for the first caller only (the shutdown hook counts as one); then the shutdown hook, if any,
   * is unregistered and will not run the clean-up.
   */
  public boolean claim() {
    if (!claimed.compareAndSet(false, true)) {
      return false;
    }
    if (hook != null) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // the JVM is shutting down; the hook finds it claimed and does nothing
      }
    }
    return true;
  }

  /** Whether the clean-up was claimed (by {@link #claim()} or by the shutdown hook). */
  public boolean isClaimed() {
    return claimed.get();
  }
}
