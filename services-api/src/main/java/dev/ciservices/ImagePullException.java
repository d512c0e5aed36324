package dev.ciservices;

/** An image could not be had with any of the effective pull policies; the message lists each attempt. */
public final class ImagePullException extends ServicesException {
  private static final long serialVersionUID = 1L;

  /** The exception with its diagnosis. */
  public ImagePullException(String message) {
    super(message);
  }

  /** The exception with its diagnosis and cause. */
  public ImagePullException(String message, Throwable cause) {
    super(message, cause);
  }
}
