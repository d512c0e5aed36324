package dev.ciservices.internal;

import dev.ciservices.ImagePullException;
import dev.ciservices.InvalidPlanException;
import dev.ciservices.ServiceNotReadyException;
import dev.ciservices.ServiceStartException;
import dev.ciservices.ServicesException;
import org.jspecify.annotations.Nullable;

/**
 * Exceptions leave a backend masked: the message of the exception and of each cause (docker-java's
 * and fabric8's messages carry image names, commands and the request they refused) pass the job's
 * masker. The type users catch is kept.
 */
public final class MaskedFailures {
  private MaskedFailures() {}

  /** The failure as it may be shown; the same object when it holds no masked value. */
  public static RuntimeException mask(RuntimeException e, Masker masker) {
    if (!reveals(e, masker) || e instanceof InvalidPlanException) {
      return e;
    }
    String message = masker.mask(String.valueOf(e.getMessage()));
    Throwable cause = maskedCause(e.getCause(), masker);
    RuntimeException masked;
    if (e instanceof ServiceNotReadyException) {
      masked = cause == null ? new ServiceNotReadyException(message) : new ServiceNotReadyException(message, cause);
    } else if (e instanceof ServiceStartException) {
      masked = cause == null ? new ServiceStartException(message) : new ServiceStartException(message, cause);
    } else if (e instanceof ImagePullException) {
      masked = cause == null ? new ImagePullException(message) : new ImagePullException(message, cause);
    } else {
      masked = new ServicesException(message, cause);
    }
    masked.setStackTrace(e.getStackTrace());
    return masked;
  }

  private static boolean reveals(@Nullable Throwable e, Masker masker) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t.getMessage() != null && masker.reveals(t.getMessage())) {
        return true;
      }
    }
    return false;
  }

  private static @Nullable Throwable maskedCause(@Nullable Throwable cause, Masker masker) {
    if (cause == null || cause == cause.getCause()) {
      return null;
    }
    Throwable masked = new MaskedCause(cause.getClass().getName() + ": " + masker.mask(String.valueOf(cause.getMessage())),
        maskedCause(cause.getCause(), masker));
    masked.setStackTrace(cause.getStackTrace());
    return masked;
  }

  /** A cause whose message was masked; its text starts with the original exception's class. */
  public static final class MaskedCause extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MaskedCause(String message, @Nullable Throwable cause) {
      super(message, cause);
    }
  }
}
