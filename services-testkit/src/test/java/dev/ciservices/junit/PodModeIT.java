package dev.ciservices.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciservices.NetworkMode;
import dev.ciservices.RunningServices;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** {@code @CiServices(networkMode = POD)}: the services of a test class in one network namespace. */
class PodModeIT {

  @Test
  void aTestClassInThePodModeReachesItsServiceThroughTheNamespaceOwner() {
    EngineExecutionResults results = Kit.run(InAPod.class);

    Kit.assertNoFailures(results);
    results.testEvents().assertStatistics(s -> s.succeeded(1));
    assertThat(Leftovers.ofJobNamed(InAPod.class.getName())).isEmpty();
  }

  @CiServices(networkMode = NetworkMode.POD)
  @Service(name = "redis:7", alias = "cache", ports = 6379, variables = "HEALTHCHECK_TCP_PORT=6379")
  static class InAPod {
    @Test
    void test(@ServiceAlias("cache") ServiceHandle cache, RunningServices all) throws Exception {
      assertThat(all.plan().networkMode()).isEqualTo(NetworkMode.POD);
      assertThat(all.plan().namespaceOwner()).isPresent();
      assertThat(cache.service().plan().container().network().joins())
          .isEqualTo(all.plan().namespaceOwner().orElseThrow().name());
      // the port is published by the namespace owner: PONG proves the service listens behind it
      try (Socket socket = new Socket(cache.host(), cache.port(6379))) {
        OutputStream out = socket.getOutputStream();
        out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        byte[] reply = new byte[7];
        assertThat(in.readNBytes(reply, 0, 7)).isEqualTo(7);
        assertThat(new String(reply, StandardCharsets.US_ASCII)).isEqualTo("+PONG\r\n");
      }
    }
  }
}
