package dev.ciservices;

import dev.ciservices.internal.RegistryPaths;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where a job's registry credentials come from, as GitLab Runner reads them (registry-auth.md
 * section 1), in order: the {@code DOCKER_AUTH_CONFIG} variable (the job's, else the runner
 * configuration's), the docker config file, and the credentials GitLab sends with a job
 * ({@code CI_REGISTRY} with the job token). Planned by {@link JobPlanner}; resolved per image, or all
 * at once for a pull secret, by {@code dev.ciservices.registry.RegistryAuth} (module
 * {@code services-registry}), which reads the file and runs credential helpers for every pull as the
 * runner does. Immutable; {@link #toString()} shows no secret.
 */
public final class RegistryCredentials {
  private static final RegistryCredentials NONE = new RegistryCredentials(null, List.of(), List.of(), List.of());

  private final @Nullable String authConfig;
  private final List<Path> configFiles;
  private final List<RegistryCredential> payload;
  private final List<Path> helperDirectories;

  private RegistryCredentials(@Nullable String authConfig, List<Path> configFiles, List<RegistryCredential> payload,
      List<Path> helperDirectories) {
    this.authConfig = authConfig;
    this.configFiles = List.copyOf(configFiles);
    this.payload = List.copyOf(payload);
    this.helperDirectories = List.copyOf(helperDirectories);
  }

  /** No source at all: every image is pulled anonymously. */
  public static RegistryCredentials none() {
    return NONE;
  }

  /**
   * These sources.
   *
   * @param authConfig the {@code DOCKER_AUTH_CONFIG} value (its content for a file variable), or
   *     {@code null} when the variable is not set
   * @param configFiles the docker config files to try in order; the first that exists is the only
   *     one read
   * @param payload the credentials GitLab sends with the job, in order
   */
  public static RegistryCredentials of(@Nullable String authConfig, List<Path> configFiles,
      List<RegistryCredential> payload) {
    return new RegistryCredentials(authConfig, configFiles, payload, List.of());
  }

  /** A copy that looks for {@code docker-credential-<name>} programs in these folders before {@code PATH}. */
  public RegistryCredentials withHelperDirectories(List<Path> directories) {
    return new RegistryCredentials(authConfig, configFiles, payload, directories);
  }

  /** The {@code DOCKER_AUTH_CONFIG} value, if the variable is set. */
  public Optional<String> authConfig() {
    return Optional.ofNullable(authConfig);
  }

  /** The docker config files tried, in order. */
  public List<Path> configFiles() {
    return configFiles;
  }

  /** The job payload's credentials. */
  public List<RegistryCredential> payload() {
    return payload;
  }

  /** The folders searched for credential helpers before {@code PATH}. */
  public List<Path> helperDirectories() {
    return helperDirectories;
  }

  /**
   * Whether a variable of this name holds a registry credential ({@code DOCKER_AUTH_CONFIG},
   * {@code CI_JOB_TOKEN}, {@code CI_REGISTRY_PASSWORD}, {@code CI_DEPENDENCY_PROXY_PASSWORD}). The
   * planner masks such values as the runner's own secrets, whatever their flags: GitLab's rule for
   * which user variables can be masked does not apply to them.
   */
  public static boolean holdsSecret(String variableKey) {
    return RegistrySources.SECRET_KEYS.contains(variableKey);
  }

  /** The registry path an image matches credentials by: {@code alpine} gives {@code docker.io/alpine}. */
  public static String imagePath(String image) {
    return RegistryPaths.ofImage(image);
  }

  /** The paths tried for an image, longest first: its own path, then each parent down to the host. */
  public static List<String> candidatePaths(String image) {
    return RegistryPaths.candidates(image);
  }

  /** The registry path a credential key stands for: {@code https://r.example:5005/v1/} gives {@code r.example:5005}. */
  public static String keyPath(String key) {
    return RegistryPaths.ofKey(key);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RegistryCredentials that && Objects.equals(authConfig, that.authConfig)
        && configFiles.equals(that.configFiles) && payload.equals(that.payload)
        && helperDirectories.equals(that.helperDirectories);
  }

  @Override
  public int hashCode() {
    return Objects.hash(authConfig, configFiles, payload, helperDirectories);
  }

  @Override
  public String toString() {
    return "RegistryCredentials{" + (authConfig == null ? "" : "$DOCKER_AUTH_CONFIG [MASKED], ") + "files " + configFiles
        + ", payload " + payload.stream().map(RegistryCredential::path).toList() + "}";
  }
}
