package dev.ciservices.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciservices.RunningServices;
import dev.ciservices.junit.Service;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A context that Spring's context cache keeps until the JVM exits (no {@code @DirtiesContext}) takes
 * its services with it at exit: a child JVM runs a test class whose services stop slowly (they trap
 * SIGTERM and sleep 8 s) and returns from main; once it has exited, nothing of its job is left on the
 * engine: no container, no network, no volume.
 */
class SpringExitIT {
  private static final String JOB = "job ";

  @Test
  void aCachedContextsServicesAreRemovedWhenTheJvmExits() throws Exception {
    // which shutdown hook starts first varies from run to run: several rounds
    for (int round = 0; round < 5; round++) {
      List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), SpringExitIT.class.getName());
      Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(child.waitFor(120, TimeUnit.SECONDS)).as(out).isTrue();
      assertThat(child.exitValue()).as(out).isZero();
      String instance = out.lines().filter(l -> l.startsWith(JOB)).map(l -> l.substring(JOB.length())).findFirst()
          .orElseThrow(() -> new AssertionError("the child printed no job: " + out));
      String label = "label=dev.ciservices.job.instance=" + instance;
      System.out.println("round " + round + ": job " + instance + " exited; left: " + docker("ps", "-a", "-q",
          "--filter", label).size() + " containers");
      assertThat(docker("ps", "-a", "-q", "--filter", label)).as(out).isEmpty();
      assertThat(docker("network", "ls", "-q", "--filter", label)).as(out).isEmpty();
      assertThat(docker("volume", "ls", "-q", "--filter", label)).as(out).isEmpty();
    }
  }

  /** The child JVM: runs {@link Cached} and returns, leaving its context to Spring's cache until exit. */
  public static void main(String[] args) {
    SpringContextCacheIT.assertNoFailures(SpringContextCacheIT.run(Cached.class));
    System.out.println("returning from main");
  }

  @Inner
  @SpringBootTest(classes = TestApp.class, properties = "spring.autoconfigure.exclude="
      + "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration")
  @Service(name = "busybox:1.35", alias = "slow1", command = {"sh", "-c", SLOW}, variables = "HEALTHCHECK_TCP_PORT=8080")
  @Service(name = "busybox:1.35", alias = "slow2", command = {"sh", "-c", SLOW}, variables = "HEALTHCHECK_TCP_PORT=8080")
  @Service(name = "busybox:1.35", alias = "slow3", command = {"sh", "-c", SLOW}, variables = "HEALTHCHECK_TCP_PORT=8080")
  static class Cached {
    @Test
    void test(@Autowired RunningServices services) {
      System.out.println(JOB + services.plan().instanceId());
    }
  }

  /** Listens on 8080 (for the health check) and stops 8 s after SIGTERM. */
  static final String SLOW = "trap 'sleep 8; exit 0' TERM; httpd -p 8080; while true; do sleep 1; done";

  private static List<String> docker(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("docker"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new AssertionError("docker " + String.join(" ", args) + " failed: " + out);
    }
    return out.lines().filter(l -> !l.isBlank()).toList();
  }
}
