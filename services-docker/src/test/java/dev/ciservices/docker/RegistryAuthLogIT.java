package dev.ciservices.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docker-java's transport (httpclient5, shaded in zerodep) logs every request header and wire byte
 * at DEBUG, the {@code X-Registry-Auth} header of a pull included: base64 JSON holding the password.
 * Through the backend's client, an authenticated pull from the htpasswd registry logs neither the
 * password nor any base64 form of it. Each case runs {@link RegistryAuthLogChild} in a JVM of its
 * own, docker-java's loggers at DEBUG from the start (the test binding is slf4j-simple, whose levels
 * are read once per JVM).
 */
class RegistryAuthLogIT {
  private static final String HEADERS = "com.github.dockerjava.zerodep.shaded.org.apache.hc.client5.http.headers";
  private static final String WIRE = "com.github.dockerjava.zerodep.shaded.org.apache.hc.client5.http.wire";

  @BeforeAll
  static void registries() {
    Registries.requireUp();
  }

  private record Run(String stdout, String log) {}

  private static Run child(String client) throws Exception {
    List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        "-Dorg.slf4j.simpleLogger.log.com.github.dockerjava=debug",
        RegistryAuthLogChild.class.getName(), client);
    Process p = new ProcessBuilder(command).start();
    byte[] err = p.getErrorStream().readAllBytes();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(150, TimeUnit.SECONDS)).isTrue();
    String log = new String(err, StandardCharsets.UTF_8);
    String stdout = new String(out, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(stdout + log).isZero();
    assertThat(stdout).contains("pulled");
    return new Run(stdout, log);
  }

  /**
   * The base64 forms of a secret inside any longer text: for each of the three alignments, in the
   * standard and the URL-safe alphabet, the characters that depend on the secret's bytes only.
   */
  static List<String> base64Forms(String secret) {
    List<String> forms = new ArrayList<>();
    byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
    for (int pad = 0; pad < 3; pad++) {
      byte[] padded = new byte[pad + bytes.length];
      System.arraycopy(bytes, 0, padded, pad, bytes.length);
      for (Base64.Encoder encoder : List.of(Base64.getEncoder().withoutPadding(), Base64.getUrlEncoder().withoutPadding())) {
        String encoded = encoder.encodeToString(padded);
        int from = pad == 0 ? 0 : 4;
        int whole = (padded.length / 3) * 4;
        forms.add(encoded.substring(from, whole));
      }
    }
    return forms;
  }

  @Test
  void theBase64FormsAreFoundInsideAnEncodedJson() {
    String json = "{\"username\":\"ci-user\",\"password\":\"" + Registries.PASSWORD + "\",\"serveraddress\":\"r\"}";
    for (String prefix : List.of("", "x", "xy")) {
      String encoded = Base64.getUrlEncoder().encodeToString((prefix + json).getBytes(StandardCharsets.UTF_8));
      assertThat(base64Forms(Registries.PASSWORD)).anyMatch(encoded::contains);
    }
  }

  @Test
  void aPlainDockerJavaClientLogsTheRegistryAuthHeaderTheControl() throws Exception {
    Run plain = child("plain");
    assertThat(plain.log()).contains(HEADERS + " - ").contains(WIRE + " - ").contains("X-Registry-Auth: ");
    assertThat(base64Forms(Registries.PASSWORD)).anyMatch(plain.log()::contains);
  }

  @Test
  void theBackendsClientLogsNeitherThePasswordNorItsBase64() throws Exception {
    Run ours = child("ours");
    String log = ours.log();
    System.out.println("--- docker-java DEBUG output of an authenticated pull through the backend: " + log.length()
        + " characters, " + log.lines().filter(l -> l.contains(HEADERS + " - ")).count() + " header lines, "
        + log.lines().filter(l -> l.contains(WIRE + " - ")).count() + " wire lines");
    // the loggers were at DEBUG: the other requests' headers and bytes are there
    assertThat(log).contains(HEADERS + " - ").contains(WIRE + " - ");
    assertThat(log).doesNotContain("X-Registry-Auth").doesNotContain(Registries.PASSWORD);
    assertThat(base64Forms(Registries.PASSWORD)).noneMatch(log::contains);
    assertThat(log).doesNotContain(Registries.basic(Registries.USER, Registries.PASSWORD));
  }
}
