package dev.ciservices.docker.internal;

import java.time.Duration;

/**
 * What a start needs to know of its backend.
 *
 * @param pollInterval how often readiness is checked
 * @param publishAddress the host address published ports are bound to
 * @param endpointHost the host the calling JVM connects to for published ports
 * @param viaPublishedPorts check readiness on published ports (the engine's containers are not
 *     reachable from the JVM)
 */
record DockerBackendSettings(Duration pollInterval, String publishAddress, String endpointHost,
    boolean viaPublishedPorts) {}
