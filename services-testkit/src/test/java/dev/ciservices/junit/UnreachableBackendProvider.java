package dev.ciservices.junit;

import dev.ciservices.ServicesException;
import dev.ciservices.spi.ServiceBackend;
import dev.ciservices.spi.ServiceBackendProvider;

/** A backend whose engine never answers; chosen only by name ({@code ciservices.backend=unreachable}). */
public final class UnreachableBackendProvider implements ServiceBackendProvider {
  /** The reason it gives. */
  static final String REASON = "cannot connect to the engine at tcp://engine.invalid:2375: no such host";

  @Override
  public String name() {
    return "unreachable";
  }

  @Override
  public int priority() {
    return Integer.MIN_VALUE;
  }

  @Override
  public ServiceBackend create() {
    throw new ServicesException(REASON);
  }
}
