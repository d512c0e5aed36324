package dev.ciservices;

import org.jspecify.annotations.Nullable;

/**
 * The run-time failures of ci-services: each message carries the full diagnosis (which service,
 * which image, container, exit code, last log lines), not only a log line.
 */
public class ServicesException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A failure with its diagnosis. */
  public ServicesException(String message) {
    super(message);
  }

  /** A failure with its diagnosis and cause. */
  public ServicesException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
