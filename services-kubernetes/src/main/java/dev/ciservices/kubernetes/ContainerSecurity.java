package dev.ciservices.kubernetes;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A {@code [runners.kubernetes.*_security_context]} table: what it sets wins over the runner-wide
 * {@code privileged}, {@code allow_privilege_escalation}, {@code cap_add} and {@code cap_drop}.
 *
 * @param capAdd replaces the runner's {@code cap_add} when not empty
 * @param capDrop replaces the runner's {@code cap_drop} when not empty
 */
public record ContainerSecurity(@Nullable Boolean privileged, @Nullable Boolean allowPrivilegeEscalation,
    @Nullable Long runAsUser, @Nullable Long runAsGroup, List<String> capAdd, List<String> capDrop) {

  private static final ContainerSecurity NONE = new ContainerSecurity(null, null, null, null, List.of(), List.of());

  /** Copies the lists. */
  public ContainerSecurity {
    capAdd = List.copyOf(capAdd);
    capDrop = List.copyOf(capDrop);
  }

  /** An empty table: the runner-wide settings apply. */
  public static ContainerSecurity none() {
    return NONE;
  }
}
