package dev.ciservices.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A job whose image and service are in the htpasswd registry of scripts/registry. */
class PrivateRegistryIT {
  private static final String AUTH = "127.0.0.1:" + env("CI_SERVICES_REGISTRY_AUTH_PORT", "5102");
  private static final String USER = env("CI_SERVICES_REGISTRY_USER", "ci-user");
  private static final String PASSWORD = env("CI_SERVICES_REGISTRY_PASSWORD", "ci-registry-secret");
  private static final String IMAGE = AUTH + "/test/busybox:1";

  @TempDir
  Path project;
  @TempDir
  Path dockerConfig;

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isEmpty() ? fallback : v;
  }

  /**
   * Fails every test with one line naming scripts/registry unless the htpasswd registry answers as
   * it leaves it: 401 without credentials, 200 with them, and the test image there. Never a skip,
   * with or without CI=true.
   */
  @BeforeAll
  static void registryIsUp() {
    int anonymous = status("/v2/", null);
    int authenticated = status("/v2/", USER + ":" + PASSWORD);
    int image = status("/v2/test/busybox/manifests/1", USER + ":" + PASSWORD);
    if (anonymous != 401 || authenticated != 200 || image != 200) {
      throw new IllegalStateException("the htpasswd registry " + AUTH + " does not answer as scripts/registry leaves it"
          + " (GET /v2/: " + shown(anonymous) + " without credentials, " + shown(authenticated) + " with " + USER
          + "; test/busybox:1: " + shown(image) + "): run scripts/registry");
    }
  }

  private static String shown(int status) {
    return status < 0 ? "no answer" : Integer.toString(status);
  }

  private static int status(String path, String userPassword) {
    try {
      HttpURLConnection c = (HttpURLConnection) URI.create("http://" + AUTH + path).toURL().openConnection();
      c.setConnectTimeout(2000);
      c.setReadTimeout(2000);
      c.setRequestProperty("Accept", "application/vnd.docker.distribution.manifest.v2+json");
      if (userPassword != null) {
        c.setRequestProperty("Authorization", "Basic "
            + Base64.getEncoder().encodeToString(userPassword.getBytes(StandardCharsets.UTF_8)));
      }
      int code = c.getResponseCode();
      c.disconnect();
      return code;
    } catch (IOException e) {
      return -1;
    }
  }

  private Path ciFile() throws Exception {
    Path file = project.resolve(".gitlab-ci.yml");
    Files.writeString(file, String.join("\n",
        "private-job:",
        "  image: " + IMAGE,
        "  services:",
        "    - name: " + IMAGE,
        "      alias: cache",
        "      command: [\"sleep\", \"60\"]",
        "  script:",
        "    - echo \"the job sees $DOCKER_AUTH_CONFIG\"",
        ""));
    return file;
  }

  @Test
  void pullsTheJobImageAndTheServiceWithDockerAuthConfigAndPrintsNoSecret() throws Exception {
    String auth = Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    String config = "{\"auths\":{\"" + AUTH + "\":{\"auth\":\"" + auth + "\"}}}";
    Cli cli = Cli.run("run", "private-job", "--file", ciFile().toString(), "--pull-policy", "always",
        "--docker-config", dockerConfig.toString(), "--var", "DOCKER_AUTH_CONFIG=" + config, "--wait-timeout", "-1");
    assertThat(cli.status()).as(cli.out() + cli.err()).isZero();
    String[] lines = cli.out().split("\n");
    assertThat(lines).containsSubsequence(
        "Using effective pull policy of [always] for container " + IMAGE,
        "Authenticating with credentials from $DOCKER_AUTH_CONFIG",
        "Pulling docker image " + IMAGE + " ...");
    assertThat(cli.out()).contains("the job sees [MASKED]", "Job succeeded")
        .doesNotContain(PASSWORD).doesNotContain(auth);
    assertThat(cli.err()).isEmpty();
    System.out.println("---- private-image job trace ----\n" + cli.out());
  }

  @Test
  void aWrongPasswordEndsTheJobWithGitLabsErrorAndNoStackTrace() throws Exception {
    String auth = Base64.getEncoder().encodeToString((USER + ":not-the-password").getBytes(StandardCharsets.UTF_8));
    Cli cli = Cli.run("run", "private-job", "--file", ciFile().toString(), "--pull-policy", "always",
        "--docker-config", dockerConfig.toString(),
        "--var", "DOCKER_AUTH_CONFIG={\"auths\":{\"" + AUTH + "\":{\"auth\":\"" + auth + "\"}}}", "--wait-timeout", "-1");
    assertThat(cli.status()).isEqualTo(1);
    assertThat(cli.out()).contains("\u001b[31;1mERROR: Job failed: failed to pull image \"" + IMAGE
        + "\" with specified policies [always]: Error response from daemon: ")
        .doesNotContain("not-the-password").doesNotContain(auth).doesNotContain("Exception").doesNotContain("{\"message\"");
    assertThat(cli.err()).doesNotContain("Error during callback").doesNotContain("\tat ");
  }
}
