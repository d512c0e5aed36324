package dev.ciservices.junit.internal;

import dev.ciservices.RunningService;
import dev.ciservices.RunningServices;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.jspecify.annotations.Nullable;

/**
 * Running services as one class or method sees them: its own, then those of the enclosing scopes
 * ({@link #parent()}), nearest first. Closing removes the services only when the scope owns them (a
 * shared scope's belong to the run). Stored in the context it serves, so JUnit closes it at its end.
 */
final class Scope implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger("dev.ciservices.junit");

  private final Object owner;
  private final @Nullable Scope parent;
  private final RunningServices running;
  private final Origins origins;
  private final @Nullable SharedServices shared;
  private final boolean keepOnFailure;
  private final String where;
  private final AtomicBoolean failed = new AtomicBoolean();

  private Scope(Object owner, @Nullable Scope parent, RunningServices running, Origins origins,
      @Nullable SharedServices shared, boolean keepOnFailure, String where) {
    this.owner = owner;
    this.parent = parent;
    this.running = running;
    this.origins = origins;
    this.shared = shared;
    this.keepOnFailure = keepOnFailure;
    this.where = where;
  }

  /** A scope that owns its services: closing it removes them, unless a failure keeps them. */
  static Scope owned(Object owner, @Nullable Scope parent, RunningServices running, Definition definition) {
    return new Scope(owner, parent, running, definition.origins(), null, definition.keepOnFailure(),
        definition.where());
  }

  /** A scope over the run's shared services: they outlive it; a failure here keeps them at the run's end. */
  static Scope shared(Object owner, @Nullable Scope parent, SharedServices shared, Definition definition) {
    return new Scope(owner, parent, shared.running(), definition.origins(), shared, definition.keepOnFailure(),
        definition.where());
  }

  /** A test (or lifecycle method) that saw these services failed. */
  void markFailed() {
    if (!keepOnFailure) {
      return;
    }
    if (shared != null) {
      shared.markFailed(where);
    } else {
      failed.set(true);
    }
  }

  /** The extension that started or attached it. */
  Object owner() {
    return owner;
  }

  RunningServices running() {
    return running;
  }

  /** This scope and its enclosing ones, nearest first. */
  List<Scope> chain() {
    List<Scope> chain = new ArrayList<>();
    for (Scope s = this; s != null; s = s.parent) {
      chain.add(s);
    }
    return chain;
  }

  /** Whether this scope or an enclosing one belongs to {@code owner}. */
  boolean ownedBy(Object owner) {
    return chain().stream().anyMatch(s -> s.owner == owner);
  }

  /** The nearest service that answers to the hostname. */
  Optional<RunningService> find(String hostname) {
    for (Scope s : chain()) {
      for (RunningService service : s.running.services()) {
        if (service.hostnames().contains(hostname)) {
          return Optional.of(service);
        }
      }
    }
    return Optional.empty();
  }

  /** Every service of the chain, nearest scope first. */
  List<RunningService> all() {
    return chain().stream().flatMap(s -> s.running.services().stream()).toList();
  }

  /** The handle of a service of this chain. */
  Handle handle(RunningService service) {
    for (Scope s : chain()) {
      if (s.running.services().contains(service)) {
        return new Handle(service, s.origins.of(service.plan()));
      }
    }
    throw new IllegalArgumentException(service + " is not in this scope");
  }

  @Override
  public void close() {
    if (shared != null) {
      return;
    }
    if (failed.get()) {
      keep(running, where);
    } else {
      running.close();
    }
  }

  /** Keeps a failed scope's services for inspection, saying where they are, or removes them if the backend cannot. */
  static void keep(RunningServices running, String where) {
    running.keep().ifPresentOrElse(
        note -> LOG.warn("A test of {} failed: {}", where, note),
        () -> LOG.warn("A test of {} failed; the {} backend cannot keep its services, so they were removed", where,
            running.getClass().getSimpleName()));
  }
}
