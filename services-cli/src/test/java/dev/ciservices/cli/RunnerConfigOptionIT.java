package dev.ciservices.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --runner-config}: GitLab Runner's config.toml shapes the plan ({@code privileged} and {@code
 * services_tmpfs} on a service, the runner's image and its services), warns about the keys it does not
 * honour, and a bad value or a missing file is one line with exit 2. The run goes to the engine: the
 * service's tmpfs is there.
 */
class RunnerConfigOptionIT {
  private static final String CONFIG = """
      concurrent = 1
      [[runners]]
        name = "local-docker"
        url = "https://gitlab.example.com/"
        token = "glrt-example"
        executor = "docker"
        [runners.docker]
          image = "ci-services/clients:latest"
          privileged = true
          tls_verify = false
          [runners.docker.services_tmpfs]
            "/data" = "rw,size=8m"
      """;

  private static final String CI = """
      test:
        services:
          - name: busybox:latest
            alias: probe
            variables:
              HEALTHCHECK_TCP_PORT: "7000"
            command: ["sh", "-c", "grep -q ' /data tmpfs ' /proc/mounts && echo tmpfs-in-service; exec nc -ll -p 7000 -e echo ok"]
        script:
          - echo ran
      """;

  @TempDir
  Path dir;

  private Path write(String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text);
  }

  @Test
  void planJsonShowsTheFilesKeys() throws Exception {
    Path ci = write(".gitlab-ci.yml", CI);
    Path config = write("config.toml", CONFIG);
    Cli cli = Cli.run("plan", "test", "--file", ci.toString(), "--runner-config", config.toString(), "--format", "json");
    assertThat(cli.status()).as(cli.err()).isZero();
    assertThat(cli.err()).isEqualTo("WARNING: " + config + ": [runners.docker] tls_verify is not honoured by"
        + " ci-services; ignored\n");
    JsonNode plan = new ObjectMapper().readTree(cli.out());
    assertThat(plan.get("image").asText()).isEqualTo("ci-services/clients:latest");
    JsonNode service = plan.get("services").get(0);
    assertThat(service.get("privileged").asBoolean()).isTrue();
    String serviceRun = plan.get("dockerCommands").toString();
    assertThat(serviceRun).contains("--privileged").contains("--tmpfs /data:rw,size=8m");

    Cli without = Cli.run("plan", "test", "--file", ci.toString(), "--format", "json");
    assertThat(new ObjectMapper().readTree(without.out()).get("services").get(0).get("privileged").asBoolean()).isFalse();
  }

  @Test
  void badValuesAndMissingFilesAreOneLineWithExitTwo() throws Exception {
    Path ci = write(".gitlab-ci.yml", CI);
    Path bad = write("bad.toml", "[[runners]]\n[runners.docker]\nservice_memory = \"lots\"\n");
    Cli cli = Cli.run("plan", "test", "--file", ci.toString(), "--runner-config", bad.toString());
    assertThat(cli.status()).isEqualTo(2);
    assertThat(cli.err().strip()).isEqualTo("ci-services: " + bad + ": [runners.docker] service_memory \"lots\":"
        + " invalid size; use bytes or a number with k, m, g or t, e.g. \"512m\"");
    Cli missing = Cli.run("run", "test", "--file", ci.toString(), "--runner-config", dir.resolve("none.toml").toString());
    assertThat(missing.status()).isEqualTo(2);
    assertThat(missing.err().strip()).isEqualTo("ci-services: " + dir.resolve("none.toml") + ": no such file; give"
        + " the path of GitLab Runner's config.toml, e.g. /etc/gitlab-runner/config.toml");
    Cli list = Cli.run("list", "--file", ci.toString(), "--runner-config", bad.toString());
    assertThat(list.status()).isEqualTo(2);
    assertThat(list.err()).contains("service_memory \"lots\"").doesNotContain("\tat ");
    Cli name = Cli.run("list", "--file", ci.toString(), "--runner-config", write("c.toml", CONFIG).toString(),
        "--runner-name", "other");
    assertThat(name.err()).contains("no [[runners]] named \"other\"; its runners are \"local-docker\"");
  }

  @Test
  void theRunGivesTheServiceItsTmpfs() throws Exception {
    Path ci = write(".gitlab-ci.yml", CI);
    Path config = write("config.toml", CONFIG.replace("privileged = true", "privileged = false"));
    Cli cli = Cli.run("run", "test", "--file", ci.toString(), "--runner-config", config.toString(), "--debug-services");
    assertThat(cli.status()).as(cli.out() + cli.err()).isZero();
    assertThat(cli.out()).contains("tmpfs-in-service").contains("ran");
  }
}
