package dev.ciservices.docker.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerConfigFile;
import com.github.dockerjava.core.DockerContextMetaFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Where the engine is, found as the docker CLI finds it: an explicit address, {@code DOCKER_HOST},
 * the current docker context ({@code DOCKER_CONTEXT} or {@code currentContext} of the CLI config),
 * then the default socket. docker-java reads the CLI's config and resolves the context; this
 * record adds why, for messages.
 *
 * @param host the address
 * @param source why this address: a phrase for messages
 */
public record EngineEndpoint(String host, String source) {
  /** The default socket. */
  public static final String DEFAULT_HOST = "unix:///var/run/docker.sock";

  /**
   * Finds the endpoint.
   *
   * @param explicit the address the caller gave, if any
   * @param env the environment ({@code DOCKER_HOST}, {@code DOCKER_CONTEXT}, {@code DOCKER_CONFIG})
   * @param home the user's home, where {@code .docker} is unless {@code DOCKER_CONFIG} says otherwise
   * @return the endpoint and why
   */
  public static EngineEndpoint find(@Nullable String explicit, Map<String, String> env, Path home) {
    if (explicit != null) {
      return new EngineEndpoint(explicit, "DockerOptions.dockerHost");
    }
    String fromEnv = env.get("DOCKER_HOST");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return new EngineEndpoint(fromEnv, "DOCKER_HOST");
    }
    Path configDir = env.containsKey("DOCKER_CONFIG") ? Path.of(env.get("DOCKER_CONFIG")) : home.resolve(".docker");
    ObjectMapper json = DockerClientConfig.getDefaultObjectMapper();
    String context = env.get("DOCKER_CONTEXT");
    String contextSource = "DOCKER_CONTEXT";
    if (context == null || context.isBlank()) {
      context = currentContext(json, configDir);
      contextSource = configDir.resolve("config.json") + " currentContext";
    }
    if (context != null && !context.isBlank() && !context.equals("default")) {
      if (DockerContextMetaFile.resolveContextMetaFile(json, configDir.toFile(), context).isPresent()) {
        String source = "docker context \"" + context + "\" (" + contextSource + ")";
        String host;
        try {
          host = new DefaultDockerClientConfig.Builder().withDockerConfig(configDir.toString())
              .withDockerContext(context).build().getDockerHost().toString();
        } catch (NoClassDefFoundError e) {
          throw Engine.withoutBouncyCastle(e, "cannot use " + source);
        }
        return new EngineEndpoint(host, source);
      }
      return new EngineEndpoint(DEFAULT_HOST, "the default socket: docker context \"" + context
          + "\" has no docker endpoint in " + metaFile(configDir, context));
    }
    return new EngineEndpoint(DEFAULT_HOST, "the default socket: DOCKER_HOST is unset and no docker context is selected");
  }

  /** Whether the engine runs on this machine, so that container addresses are routable from here. */
  public boolean isLocal() {
    return host.startsWith("unix://") || host.startsWith("npipe://")
        || host.matches("tcp://(localhost|127\\.0\\.0\\.1|\\[::1\\])(:\\d+)?/?");
  }

  /** The CLI config's {@code currentContext}; none when the file is missing or unreadable, as for the CLI. */
  private static @Nullable String currentContext(ObjectMapper json, Path configDir) {
    try {
      return DockerConfigFile.loadConfig(json, configDir.toString()).getCurrentContext();
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Where the docker CLI keeps a context's endpoints: named in the message when it is missing. */
  private static Path metaFile(Path configDir, String context) {
    try {
      String hash = HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(context.getBytes(StandardCharsets.UTF_8)));
      return configDir.resolve("contexts").resolve("meta").resolve(hash).resolve("meta.json");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
