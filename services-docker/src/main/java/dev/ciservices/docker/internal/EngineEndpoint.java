package dev.ciservices.docker.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Where the engine is, found as the docker CLI finds it: an explicit address, {@code DOCKER_HOST},
 * the current docker context ({@code DOCKER_CONTEXT} or {@code currentContext} of the CLI config),
 * then the default socket.
 *
 * @param host the address
 * @param source why this address: a phrase for messages
 */
public record EngineEndpoint(String host, String source) {
  /** The default socket. */
  public static final String DEFAULT_HOST = "unix:///var/run/docker.sock";

  /** Finds the endpoint. */
  public static EngineEndpoint find(@Nullable String explicit, Map<String, String> env, Path home) {
    if (explicit != null) {
      return new EngineEndpoint(explicit, "DockerOptions.dockerHost");
    }
    String fromEnv = env.get("DOCKER_HOST");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return new EngineEndpoint(fromEnv, "DOCKER_HOST");
    }
    Path configDir = env.containsKey("DOCKER_CONFIG") ? Path.of(env.get("DOCKER_CONFIG")) : home.resolve(".docker");
    String context = env.get("DOCKER_CONTEXT");
    String contextSource = "DOCKER_CONTEXT";
    ObjectMapper json = new ObjectMapper();
    if (context == null || context.isBlank()) {
      context = readText(json, configDir.resolve("config.json"), "currentContext");
      contextSource = configDir.resolve("config.json") + " currentContext";
    }
    if (context != null && !context.isBlank() && !context.equals("default")) {
      Path meta = configDir.resolve("contexts").resolve("meta").resolve(sha256(context)).resolve("meta.json");
      String host = null;
      try {
        JsonNode node = json.readTree(meta.toFile()).path("Endpoints").path("docker").path("Host");
        host = node.isTextual() ? node.asText() : null;
      } catch (IOException e) {
        // an unreadable context falls through to the default socket, and the source says so
      }
      if (host != null && !host.isBlank()) {
        return new EngineEndpoint(host, "docker context \"" + context + "\" (" + contextSource + ")");
      }
      return new EngineEndpoint(DEFAULT_HOST, "the default socket: docker context \"" + context
          + "\" has no docker endpoint in " + meta);
    }
    return new EngineEndpoint(DEFAULT_HOST, "the default socket: DOCKER_HOST is unset and no docker context is selected");
  }

  /** Whether the engine runs on this machine, so that container addresses are routable from here. */
  public boolean isLocal() {
    return host.startsWith("unix://") || host.startsWith("npipe://")
        || host.matches("tcp://(localhost|127\\.0\\.0\\.1|\\[::1\\])(:\\d+)?/?");
  }

  private static @Nullable String readText(ObjectMapper json, Path file, String field) {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try {
      JsonNode node = json.readTree(file.toFile()).path(field);
      return node.isTextual() ? node.asText() : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
