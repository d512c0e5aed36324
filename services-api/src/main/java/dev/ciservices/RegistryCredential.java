package dev.ciservices;

import java.util.Objects;

/**
 * One registry credential as the runner holds it after reading its sources: the key it was given
 * under, the registry path it matches, the secret, and the source it came from.
 * {@link #toString()} shows no secret.
 *
 * @param serverAddress the key as written ({@code https://registry.example.com:5005/v1/}), or the
 *     payload's {@code url}; what Kubernetes' {@code .dockercfg} is keyed by; empty when a
 *     credential helper found nothing (docker/cli's empty answer), so Kubernetes gets {@code "":{}}
 * @param path the normalised path it matches ({@code registry.example.com:5005}); empty when a
 *     helper found nothing, and then it never matches
 * @param username the user name; empty with an identity token
 * @param password the password; empty with an identity token
 * @param identityToken an OAuth identity token ({@code identitytoken}), or empty
 * @param registryToken a bearer token for the registry ({@code registrytoken}), or empty
 * @param source where it came from: {@code $DOCKER_AUTH_CONFIG}, the config file's path, or
 *     {@code job payload (GitLab Registry)}
 */
public record RegistryCredential(String serverAddress, String path, String username, String password,
    String identityToken, String registryToken, String source) {

  /** The source name of credentials from the {@code DOCKER_AUTH_CONFIG} variable. */
  public static final String AUTH_CONFIG_SOURCE = "$DOCKER_AUTH_CONFIG";
  /** The source name of the credentials GitLab sends with a job. */
  public static final String PAYLOAD_SOURCE = "job payload (GitLab Registry)";

  /** Checks that no value is null. */
  public RegistryCredential {
    Objects.requireNonNull(serverAddress, "serverAddress");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(identityToken, "identityToken");
    Objects.requireNonNull(registryToken, "registryToken");
    Objects.requireNonNull(source, "source");
  }

  /** The secret values, for a masker. */
  public java.util.List<String> secrets() {
    return java.util.stream.Stream.of(password, identityToken, registryToken).filter(s -> !s.isEmpty()).toList();
  }

  @Override
  public String toString() {
    return "RegistryCredential{" + path + " from " + source + ", user " + (username.isEmpty() ? "-" : username)
        + (password.isEmpty() ? "" : ", password [MASKED]") + (identityToken.isEmpty() ? "" : ", identitytoken [MASKED]")
        + (registryToken.isEmpty() ? "" : ", registrytoken [MASKED]") + "}";
  }
}
