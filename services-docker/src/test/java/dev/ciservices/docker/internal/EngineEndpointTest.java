package dev.ciservices.docker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineEndpointTest {
  @TempDir
  Path home;

  private void context(String name, String host) throws Exception {
    String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8)));
    Path meta = home.resolve(".docker/contexts/meta").resolve(hash);
    Files.createDirectories(meta);
    Files.writeString(meta.resolve("meta.json"), "{\"Name\":\"" + name + "\",\"Endpoints\":{\"docker\":{\"Host\":\"" + host + "\"}}}");
  }

  @Test
  void explicitHostWinsThenDockerHost() {
    assertThat(EngineEndpoint.find("tcp://a:2375", Map.of("DOCKER_HOST", "tcp://b:2375"), home))
        .isEqualTo(new EngineEndpoint("tcp://a:2375", "DockerOptions.dockerHost"));
    assertThat(EngineEndpoint.find(null, Map.of("DOCKER_HOST", "tcp://b:2375"), home))
        .isEqualTo(new EngineEndpoint("tcp://b:2375", "DOCKER_HOST"));
  }

  @Test
  void currentContextOfTheCliConfigIsUsed() throws Exception {
    context("colima", "unix:///home/me/.colima/docker.sock");
    Files.writeString(home.resolve(".docker/config.json"), "{\"currentContext\":\"colima\"}");
    EngineEndpoint endpoint = EngineEndpoint.find(null, Map.of(), home);
    assertThat(endpoint.host()).isEqualTo("unix:///home/me/.colima/docker.sock");
    assertThat(endpoint.source()).isEqualTo("docker context \"colima\" (" + home.resolve(".docker/config.json") + " currentContext)");
  }

  @Test
  void dockerContextVariableOverridesTheConfig() throws Exception {
    context("remote", "tcp://10.0.0.9:2376");
    Files.writeString(home.resolve(".docker/config.json"), "{\"currentContext\":\"other\"}");
    assertThat(EngineEndpoint.find(null, Map.of("DOCKER_CONTEXT", "remote"), home))
        .isEqualTo(new EngineEndpoint("tcp://10.0.0.9:2376", "docker context \"remote\" (DOCKER_CONTEXT)"));
  }

  @Test
  void defaultSocketSaysWhy() {
    assertThat(EngineEndpoint.find(null, Map.of(), home)).isEqualTo(new EngineEndpoint("unix:///var/run/docker.sock",
        "the default socket: DOCKER_HOST is unset and no docker context is selected"));
    assertThat(new EngineEndpoint("unix:///var/run/docker.sock", "x").isLocal()).isTrue();
    assertThat(new EngineEndpoint("tcp://10.0.0.9:2376", "x").isLocal()).isFalse();
  }

  @Test
  void negotiationTakesTheLowerVersion() {
    assertThat(Engine.lower("1.41", "1.47")).isEqualTo("1.41");
    assertThat(Engine.lower("1.51", "1.47")).isEqualTo("1.47");
    assertThat(Engine.lower("1.9", "1.10")).isEqualTo("1.9");
  }
}
