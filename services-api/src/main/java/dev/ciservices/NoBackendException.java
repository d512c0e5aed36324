package dev.ciservices;

/** No service backend could be created; the message says, for each one tried, why it failed. */
public final class NoBackendException extends ServicesException {
  private static final long serialVersionUID = 1L;

  /** The exception with its diagnosis. */
  public NoBackendException(String message) {
    super(message);
  }
}
