package dev.ciservices;

/** What happens when a service is not ready in time, exits during the wait, or fails a condition. */
public enum NotReadyPolicy {
  /** GitLab's behaviour: print the {@code *** WARNING: Service ... probably didn't start properly.} block and go on. */
  WARN,
  /** Remove everything and throw {@link ServiceNotReadyException} with the same diagnosis: for test suites. */
  FAIL
}
