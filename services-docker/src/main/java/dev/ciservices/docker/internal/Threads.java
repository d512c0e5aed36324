package dev.ciservices.docker.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Worker threads of one backend instance: daemon threads, so that a forgotten handle never keeps a
 * JVM alive; shut down when the backend and every handle it gave out are closed.
 */
final class Threads {
  private static final AtomicInteger COUNT = new AtomicInteger();

  private Threads() {}

  /** A new pool for one backend instance. */
  static ExecutorService newPool() {
    return Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "ci-services-docker-" + COUNT.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }
}
