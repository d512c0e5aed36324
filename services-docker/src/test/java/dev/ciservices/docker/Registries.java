package dev.ciservices.docker;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

/**
 * The two local registries of scripts/registry: one open, one with htpasswd. Not there means every
 * test fails with the command that starts them: no skip.
 */
final class Registries {
  static final String OPEN = "127.0.0.1:" + env("CI_SERVICES_REGISTRY_OPEN_PORT", "5101");
  static final String AUTH = "127.0.0.1:" + env("CI_SERVICES_REGISTRY_AUTH_PORT", "5102");
  static final String USER = env("CI_SERVICES_REGISTRY_USER", "ci-user");
  static final String PASSWORD = env("CI_SERVICES_REGISTRY_PASSWORD", "ci-registry-secret");

  private Registries() {}

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isEmpty() ? fallback : v;
  }

  /** Fails naming scripts/registry unless both registries answer as expected. */
  static void requireUp() {
    if (status(OPEN, null) != 200 || status(AUTH, null) != 401 || status(AUTH, USER + ":" + PASSWORD) != 200) {
      throw new IllegalStateException("the local registries " + OPEN + " (open) and " + AUTH
          + " (htpasswd) do not answer as expected: run scripts/registry");
    }
  }

  static String basic(String user, String password) {
    return Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** {@code {"auths":{"<registry>":{"auth":"<base64>"}}}}. */
  static String authConfig(String key, String user, String password) {
    return "{\"auths\":{\"" + key + "\":{\"auth\":\"" + basic(user, password) + "\"}}}";
  }

  private static int status(String registry, String userPassword) {
    try {
      HttpURLConnection c = (HttpURLConnection) URI.create("http://" + registry + "/v2/").toURL().openConnection();
      c.setConnectTimeout(2000);
      c.setReadTimeout(2000);
      if (userPassword != null) {
        c.setRequestProperty("Authorization", "Basic " + Base64.getEncoder().encodeToString(userPassword.getBytes(StandardCharsets.UTF_8)));
      }
      int code = c.getResponseCode();
      c.disconnect();
      return code;
    } catch (IOException e) {
      return -1;
    }
  }

  /** The manifest of an image in the htpasswd registry, as JSON text. */
  static String manifest(String registry, String repository, String tag) throws IOException {
    HttpURLConnection c = (HttpURLConnection) URI.create("http://" + registry + "/v2/" + repository + "/manifests/" + tag)
        .toURL().openConnection();
    c.setConnectTimeout(2000);
    c.setReadTimeout(5000);
    c.setRequestProperty("Accept", "application/vnd.docker.distribution.manifest.v2+json");
    c.setRequestProperty("Authorization", "Basic " + basic(USER, PASSWORD));
    try (InputStream in = c.getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** A folder holding docker-credential-test, answering {@code answer} with exit status {@code status}. */
  static Path helper(Path dir, String answer, int status) throws IOException {
    Path script = dir.resolve("docker-credential-test");
    try (InputStream in = Registries.class.getResourceAsStream("/credential-helper/docker-credential-test")) {
      Files.write(script, in.readAllBytes());
    }
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(dir.resolve("answer"), answer);
    Files.writeString(dir.resolve("status"), Integer.toString(status));
    return dir;
  }
}
