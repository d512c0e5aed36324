package dev.ciservices.kubernetes.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * fabric8 logs every request's headers and body when its HTTP logger is at TRACE as the client is
 * built: the pod's environment and the pull secret's data in clear. The backend's clients never do.
 * Each case runs {@link FabricHttpLogChild} in a JVM of its own, the logger at TRACE from the start.
 */
class FabricHttpLogTest {
  private record Run(String stdout, String log) {}

  private static Run child(String client) throws IOException, InterruptedException {
    List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        "-Dorg.slf4j.simpleLogger.log.io.fabric8.kubernetes.client.http=trace",
        FabricHttpLogChild.class.getName(), client);
    Process p = new ProcessBuilder(command).start();
    byte[] err = p.getErrorStream().readAllBytes();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(new String(err, StandardCharsets.UTF_8)).isZero();
    return new Run(new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
  }

  private static String registryAuth() {
    return java.util.Base64.getEncoder().encodeToString(("ci-user:" + PodMaskingTest.REGISTRY_PASSWORD)
        .getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aPlainFabric8ClientLogsThePodsEnvironmentAtTraceTheControl() throws Exception {
    Run plain = child("plain");
    assertThat(plain.stdout()).contains("trace enabled: true");
    assertThat(plain.log()).contains("-HTTP START-").contains(PodMaskingTest.SECRET);
  }

  @Test
  void theBackendsClientLogsNoRequestAtTrace() throws Exception {
    Run ours = child("ours");
    System.out.println("--- SLF4J output of the backend's client at TRACE (" + ours.log().length() + " characters)\n"
        + ours.log());
    assertThat(ours.stdout()).contains("trace enabled: true")
        .contains("failed: prepare environment: setting up build pod: Failure executing: POST");
    assertThat(ours.log()).doesNotContain("-HTTP START-").doesNotContain(PodMaskingTest.SECRET)
        .doesNotContain(PodMaskingTest.REGISTRY_PASSWORD).doesNotContain(registryAuth());
    assertThat(ours.stdout()).doesNotContain(PodMaskingTest.SECRET).doesNotContain(PodMaskingTest.REGISTRY_PASSWORD);
  }
}
