package dev.ciservices.docker.internal;

/**
 * Counts who still needs a backend's connection and threads: every start and job while it runs and
 * every handle until it is closed. Closing the backend releases them only once the last user is done,
 * so that handles still open can remove what they created.
 */
final class Usage {
  private final Runnable release;
  private int users;
  private boolean closing;

  Usage(Runnable release) {
    this.release = release;
  }

  /** Registers a user; false once the backend is closed. */
  synchronized boolean acquire() {
    if (closing) {
      return false;
    }
    users++;
    return true;
  }

  /** A user is done. */
  void release() {
    boolean last;
    synchronized (this) {
      users--;
      last = closing && users == 0;
    }
    if (last) {
      release.run();
    }
  }

  /** The backend is closed: releases now, or when the last user is done. */
  void close() {
    boolean now;
    synchronized (this) {
      if (closing) {
        return;
      }
      closing = true;
      now = users == 0;
    }
    if (now) {
      release.run();
    }
  }
}
