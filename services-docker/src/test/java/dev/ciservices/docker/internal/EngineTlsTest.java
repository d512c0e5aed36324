package dev.ciservices.docker.internal;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ciservices.ServicesException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** services-docker leaves BouncyCastle out; a TLS engine then gets one line saying what to add. */
class EngineTlsTest {
  @Test
  void aTlsEngineWithoutBouncyCastleSaysWhatToAdd(@TempDir Path certs) {
    // docker-java reads DOCKER_TLS_VERIFY and DOCKER_CERT_PATH from system properties as from the environment
    System.setProperty("DOCKER_TLS_VERIFY", "1");
    System.setProperty("DOCKER_CERT_PATH", certs.toString());
    try {
      assertThatThrownBy(() -> Engine.connect(new EngineEndpoint("tcp://127.0.0.1:2376", "DOCKER_HOST"),
          Duration.ofMillis(20), false, null, null))
          .isInstanceOf(ServicesException.class)
          .hasMessage("cannot use the Docker daemon at tcp://127.0.0.1:2376 (DOCKER_HOST): TLS (DOCKER_TLS_VERIFY)"
              + " reads the client certificate with BouncyCastle, which services-docker leaves out; add"
              + " org.bouncycastle:bcpkix-jdk18on:1.82 to your dependencies");
    } finally {
      System.clearProperty("DOCKER_TLS_VERIFY");
      System.clearProperty("DOCKER_CERT_PATH");
    }
  }
}
