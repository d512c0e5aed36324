package dev.ciservices.junit.internal;

import dev.ciservices.RunningService;
import dev.ciservices.RunningServices;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Running services as one class or method sees them: its own, then those of the enclosing scopes
 * ({@link #parent()}), nearest first. Closing removes the services only when the scope owns them (a
 * shared scope's belong to the run). Stored in the context it serves, so JUnit closes it at its end.
 */
final class Scope implements AutoCloseable {
  private final Object owner;
  private final @Nullable Scope parent;
  private final RunningServices running;
  private final Origins origins;
  private final boolean owned;

  Scope(Object owner, @Nullable Scope parent, RunningServices running, Origins origins, boolean owned) {
    this.owner = owner;
    this.parent = parent;
    this.running = running;
    this.origins = origins;
    this.owned = owned;
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
    if (owned) {
      running.close();
    }
  }
}
