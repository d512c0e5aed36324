package dev.ciservices;

import java.util.Objects;

/**
 * Which container engine runs the services, as the engine reports itself, and how readiness is
 * probed on it.
 *
 * @param product {@code Docker} or {@code Podman}
 * @param version the engine's version, e.g. {@code 20.10.24+dfsg1} or {@code 4.3.1}
 * @param apiVersion the API version spoken with it, e.g. {@code 1.41}
 * @param os the engine's operating system as it reports it, e.g. {@code Debian GNU/Linux 12
 *     (bookworm)} or {@code Docker Desktop}
 * @param rootless whether the engine runs without root (its containers then live in a network
 *     namespace of its own)
 * @param readinessProbe the probe in use; {@link ReadinessProbe#AUTO} while it is decided when the
 *     first service starts
 * @param readinessReason why that probe, e.g. {@code the engine at tcp://ci:2375 is remote}
 */
public record EngineInfo(String product, String version, String apiVersion, String os, boolean rootless,
    ReadinessProbe readinessProbe, String readinessReason) {

  /** Checks the values. */
  public EngineInfo {
    Objects.requireNonNull(product, "EngineInfo.product");
    Objects.requireNonNull(version, "EngineInfo.version");
    Objects.requireNonNull(apiVersion, "EngineInfo.apiVersion");
    Objects.requireNonNull(os, "EngineInfo.os");
    Objects.requireNonNull(readinessProbe, "EngineInfo.readinessProbe");
    Objects.requireNonNull(readinessReason, "EngineInfo.readinessReason");
  }

  /** {@code Podman 4.3.1}, {@code Docker 20.10.24+dfsg1}. */
  public String name() {
    return product + " " + version;
  }

  /** The readiness part of a description: {@code readiness: published port (the engine ... is remote)}. */
  public String readinessLine() {
    String probe = readinessProbe == ReadinessProbe.AUTO ? "auto" : readinessProbe.optionName().replace('-', ' ');
    return "readiness: " + probe + " (" + readinessReason + ")";
  }
}
