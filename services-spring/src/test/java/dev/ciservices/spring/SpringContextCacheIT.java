package dev.ciservices.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.ciservices.RunningService;
import dev.ciservices.RunningServices;
import dev.ciservices.junit.Service;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/** Services live as long as Spring's context cache keeps their context, and bad declarations fail it clearly. */
class SpringContextCacheIT {
  static final Map<String, List<String>> SEEN = new ConcurrentHashMap<>();

  @Test
  void classesWithTheSameServicesShareOneContextAndOneStart() {
    assertNoFailures(run(First.class, Second.class));
    assertThat(SEEN.get("First")).isNotEmpty().isEqualTo(SEEN.get("Second"));
    assertThat(containersThatExist(SEEN.get("First"))).isEqualTo(SEEN.get("First"));
  }

  @Test
  void aClosedContextRemovesItsServices() {
    assertNoFailures(run(Dirty.class));
    assertThat(SEEN.get("Dirty")).hasSize(1);
    assertThat(containersThatExist(SEEN.get("Dirty"))).isEmpty();
  }

  @Test
  void aServiceWithoutThePasswordItsImageNeedsFailsTheContextBeforeStarting() {
    Throwable failure = onlyFailure(run(NoPassword.class));
    Throwable root = failure;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    assertThat(root).isInstanceOf(IllegalStateException.class).hasMessage("The services of"
        + " SpringContextCacheIT$NoPassword cannot give Spring Boot their connection details: The connection"
        + " details of service \"db\" (postgres:15) are incomplete: the password: POSTGRES_PASSWORD is not set, and"
        + " the postgres image refuses to start without it; set POSTGRES_PASSWORD in the service's or the job's"
        + " variables (or POSTGRES_HOST_AUTH_METHOD=trust to allow connections without a password)");
  }

  @Inner
  @SpringBootTest(classes = TestApp.class)
  @WithPostgresAndRedis
  static class First {
    @Test
    void test(@Autowired RunningServices services) {
      SEEN.put("First", ids(services));
    }
  }

  @Inner
  @SpringBootTest(classes = TestApp.class)
  @WithPostgresAndRedis
  static class Second {
    @Test
    void test(@Autowired RunningServices services) {
      SEEN.put("Second", ids(services));
    }
  }

  @Inner
  @SpringBootTest(classes = TestApp.class, properties = "spring.autoconfigure.exclude="
      + "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration")
  @Service(name = "redis:7", alias = "cache")
  @DirtiesContext
  static class Dirty {
    @Test
    void test(@Autowired RunningServices services) {
      SEEN.put("Dirty", ids(services));
    }
  }

  @Inner
  @SpringBootTest(classes = TestApp.class)
  @Service(name = "postgres:15", alias = "db")
  static class NoPassword {
    @Test
    void test() {}
  }

  static List<String> ids(RunningServices services) {
    return services.services().stream().map(RunningService::containerId).toList();
  }

  static EngineExecutionResults run(Class<?>... classes) {
    return EngineTestKit.engine("junit-jupiter").configurationParameter(Inner.ENABLED, "true")
        .selectors(Arrays.stream(classes).map(c -> selectClass(c)).toArray(org.junit.platform.engine.DiscoverySelector[]::new))
        .execute();
  }

  static void assertNoFailures(EngineExecutionResults results) {
    List<Throwable> failures = failures(results);
    if (!failures.isEmpty()) {
      AssertionError e = new AssertionError(failures.size() + " failed");
      failures.forEach(e::addSuppressed);
      throw e;
    }
    assertThat(results.testEvents().succeeded().count()).isPositive();
  }

  static Throwable onlyFailure(EngineExecutionResults results) {
    List<Throwable> failures = failures(results);
    assertThat(failures).hasSize(1);
    return failures.get(0);
  }

  private static List<Throwable> failures(EngineExecutionResults results) {
    return results.allEvents().failed().stream()
        .map(e -> e.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow()).toList();
  }

  /** The ids among these whose containers exist, asked with the docker CLI. */
  static List<String> containersThatExist(List<String> ids) {
    try {
      Process p = new ProcessBuilder("docker", "ps", "-a", "-q", "--no-trunc", "--filter",
          "label=dev.ciservices.managed=true").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new AssertionError("docker ps failed: " + out);
      }
      List<String> existing = new ArrayList<>(Arrays.asList(out.split("\\s+")));
      return ids.stream().filter(existing::contains).toList();
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
