package dev.ciservices;

/**
 * A declared service that gets no container: GitLab Runner skips a service whose name holds no valid
 * image reference and that has no alias, without a word. The plan keeps it, with the reason.
 *
 * @param field the service's path, e.g. {@code services[0]}
 * @param name the expanded name
 * @param reason why it was skipped, with the fix
 */
public record SkippedService(String field, String name, String reason) {}
