package dev.ciservices.docker.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** The backend's worker threads: daemon threads, so that a forgotten handle never keeps a JVM alive. */
public final class Threads {
  private static final AtomicInteger COUNT = new AtomicInteger();
  private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "ci-services-docker-" + COUNT.incrementAndGet());
    t.setDaemon(true);
    return t;
  });

  private Threads() {}

  /** The shared pool. */
  public static ExecutorService pool() {
    return POOL;
  }
}
