package dev.ciservices;

import dev.ciservices.internal.Checks;

/**
 * One hostname of GitLab's links emulation on the default bridge ({@link NetworkMode#LEGACY_LINKS}):
 * the job container resolves {@code hostname} to the address of the service container {@code container}.
 *
 * @param container the service container's name
 * @param hostname the hostname it answers to
 */
public record ServiceLink(String container, String hostname) {

  /** Checks the values. */
  public ServiceLink {
    Checks.notNull("ServiceLink.container", container);
    Checks.notNull("ServiceLink.hostname", hostname);
  }
}
