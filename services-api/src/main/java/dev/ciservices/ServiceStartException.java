package dev.ciservices;

/** A service container could not be created or started; everything created for the job was removed. */
public final class ServiceStartException extends ServicesException {
  private static final long serialVersionUID = 1L;

  /** The exception with its diagnosis. */
  public ServiceStartException(String message) {
    super(message);
  }

  /** The exception with its diagnosis and cause. */
  public ServiceStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
