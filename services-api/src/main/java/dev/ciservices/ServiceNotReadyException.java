package dev.ciservices;

/** A service did not become ready (timeout, exit, failed condition) under a policy that fails instead of warning; the message is GitLab's diagnosis: the health check error and the service's logs. */
public final class ServiceNotReadyException extends ServicesException {
  private static final long serialVersionUID = 1L;

  /** The exception with its diagnosis. */
  public ServiceNotReadyException(String message) {
    super(message);
  }

  /** The exception with its diagnosis and cause. */
  public ServiceNotReadyException(String message, Throwable cause) {
    super(message, cause);
  }
}
