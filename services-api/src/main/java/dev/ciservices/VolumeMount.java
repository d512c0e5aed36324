package dev.ciservices;

import dev.ciservices.internal.Checks;

/**
 * A named volume mounted into a container, e.g. the job's builds volume at {@code /builds}, or a
 * host directory bind-mounted (a workspace in {@link WorkspaceMode#BIND_MOUNT}).
 *
 * @param volume the volume's name, or the host directory's absolute path
 * @param target the absolute path inside the container
 */
public record VolumeMount(String volume, String target) {

  /** Checks the values. */
  public VolumeMount {
    Checks.notNull("VolumeMount.volume", volume);
    Checks.notNull("VolumeMount.target", target);
  }
}
