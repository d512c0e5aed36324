package dev.ciservices;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** How a plan finds its registry credential sources in the job's variables and the runner configuration. */
final class RegistrySources {
  static final String AUTH_CONFIG = "DOCKER_AUTH_CONFIG";
  private static final String JOB_TOKEN_USER = "gitlab-ci-token";
  /** Variables whose values are credentials: masked in every display and trace. */
  static final Set<String> SECRET_KEYS =
      Set.of(AUTH_CONFIG, "CI_JOB_TOKEN", "CI_REGISTRY_PASSWORD", "CI_DEPENDENCY_PROXY_PASSWORD");

  private RegistrySources() {}

  // ---- MASKING OF REGISTRY CREDENTIALS, plan side: the one place that decides what is secret ----
  // These are the runner's own masked values, not user variables marked masked: GitLab's
  // maskability rule for user variables (one line, no spaces, its character set, a minimum length)
  // must not reject them, since a DOCKER_AUTH_CONFIG is JSON (RegistryCredentials.holdsSecret
  // names the keys for that rule). The backend side is RegistryAuth's secrets (what a helper or
  // the config file gave at pull time), added to the trace's masker in ImagePuller.pull.

  /**
   * The plan-time secrets of these sources, for {@link JobPlan#maskedValues()}: the whole
   * {@code DOCKER_AUTH_CONFIG} value (stripped; a file variable's content too) and the payload's
   * passwords and tokens. The {@code auth} strings and passwords inside the JSON need a JSON reader:
   * {@code RegistryAuth.knownSecrets} adds them to a backend's masker before anything runs.
   */
  static List<String> secrets(RegistryCredentials sources) {
    Set<String> out = new java.util.LinkedHashSet<>();
    sources.authConfig().map(String::strip).filter(a -> !a.isEmpty()).ifPresent(out::add);
    sources.payload().forEach(c -> out.addAll(c.secrets()));
    return List.copyOf(out);
  }

  /** The variables, those holding credentials marked masked (file variables keep their flags: their value is a path). */
  static List<Variable> maskCredentials(List<Variable> variables) {
    return variables.stream().map(v -> SECRET_KEYS.contains(v.key()) && !v.masked() && !v.file() && !v.value().isEmpty()
        ? new Variable(v.key(), v.value(), v.isPublic(), true, v.file(), v.raw(), v.internal()) : v).toList();
  }

  /**
   * The sources: the last {@code DOCKER_AUTH_CONFIG} (a job variable replaces the runner's whole),
   * the docker config file, and {@code CI_REGISTRY} / {@code CI_DEPENDENCY_PROXY_SERVER} with their
   * user and password, or {@code gitlab-ci-token} and {@code CI_JOB_TOKEN}, as GitLab sends them.
   *
   * @param variables expanded, file variables still holding their content
   */
  static RegistryCredentials from(List<Variable> variables, RunnerConfig config) {
    String authConfig = last(variables, AUTH_CONFIG).orElse(null);
    List<RegistryCredential> payload = new ArrayList<>();
    String jobToken = last(variables, "CI_JOB_TOKEN").orElse("");
    payloadEntry(variables, "CI_REGISTRY", "CI_REGISTRY_USER", "CI_REGISTRY_PASSWORD", jobToken).ifPresent(payload::add);
    payloadEntry(variables, "CI_DEPENDENCY_PROXY_SERVER", "CI_DEPENDENCY_PROXY_USER", "CI_DEPENDENCY_PROXY_PASSWORD",
        jobToken).ifPresent(payload::add);
    return RegistryCredentials.of(authConfig, configFiles(config), payload)
        .withHelperDirectories(config.credentialHelperPath());
  }

  private static Optional<RegistryCredential> payloadEntry(List<Variable> variables, String urlKey, String userKey,
      String passwordKey, String jobToken) {
    String url = last(variables, urlKey).orElse("");
    String password = last(variables, passwordKey).filter(p -> !p.isEmpty()).orElse(jobToken);
    if (url.isEmpty() || password.isEmpty()) {
      return Optional.empty();
    }
    String user = last(variables, userKey).filter(u -> !u.isEmpty()).orElse(JOB_TOKEN_USER);
    return Optional.of(new RegistryCredential(url, RegistryCredentials.keyPath(url), user, password, "", "",
        RegistryCredential.PAYLOAD_SOURCE));
  }

  /** The docker CLI's config file: {@code $DOCKER_CONFIG/config.json}, else {@code $HOME/.docker/config.json}, then the runner's {@code $HOME/.dockercfg}. */
  static List<Path> configFiles(RunnerConfig config) {
    if (config.dockerConfig() != null) {
      return List.of(config.dockerConfig().resolve("config.json"));
    }
    String dockerConfig = System.getenv("DOCKER_CONFIG");
    if (dockerConfig != null && !dockerConfig.isEmpty()) {
      return List.of(Path.of(dockerConfig, "config.json"));
    }
    String home = System.getenv("HOME");
    if (home == null || home.isEmpty()) {
      home = System.getProperty("user.home", "");
    }
    if (home.isEmpty()) {
      return List.of();
    }
    return List.of(Path.of(home, ".docker", "config.json"), Path.of(home, ".dockercfg"));
  }

  private static Optional<String> last(List<Variable> variables, String key) {
    Optional<String> found = Optional.empty();
    for (Variable v : variables) {
      if (v.key().equals(key)) {
        found = Optional.of(v.value());
      }
    }
    return found;
  }
}
