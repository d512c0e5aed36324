/**
 * Registry credentials as GitLab Runner resolves them, for every backend: {@link
 * dev.ciservices.registry.RegistryAuth} reads a plan's {@link dev.ciservices.RegistryCredentials}
 * (the {@code DOCKER_AUTH_CONFIG} variable, the docker config file, the job payload), runs
 * credential helpers through {@link dev.ciservices.registry.CredentialHelpers}, and picks the
 * credential of an image or merges them all for a pull secret.
 */
@NullMarked
package dev.ciservices.registry;

import org.jspecify.annotations.NullMarked;
