package dev.ciservices.docker.internal;

import java.time.Duration;

/**
 * What a start needs to know of its backend.
 *
 * @param pollInterval how often readiness is checked
 * @param publishAddress the host address published ports are bound to
 * @param endpointHost the host the calling JVM connects to for published ports
 * @param defaultNetwork the name the engine gives the network containers join without one:
 *     {@code bridge} on Docker, {@code podman} on Podman
 * @param podman whether the engine is Podman (for messages about what it cannot do)
 */
record DockerBackendSettings(Duration pollInterval, String publishAddress, String endpointHost,
    String defaultNetwork, boolean podman) {}
