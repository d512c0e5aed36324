package dev.ciservices;

/**
 * A declared service that gets no container: GitLab Runner skips a service whose name holds no valid
 * image reference and that has no alias, without a word. The plan keeps it, with the reason.
 *
 * @param origin where it was declared
 * @param name the expanded name
 * @param reason why it was skipped, with the fix
 */
public record SkippedService(ServiceOrigin origin, String name, String reason) {

  /** The service's path for display, e.g. {@code services[0]}. */
  public String field() {
    return origin.field();
  }
}
