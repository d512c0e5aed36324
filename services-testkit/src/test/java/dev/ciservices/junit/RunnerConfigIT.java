package dev.ciservices.junit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** A test class whose runner is GitLab Runner's config.toml: its services and container keys reach the engine. */
class RunnerConfigIT {
  @BeforeEach
  void clear() {
    Seen.clear();
  }

  @Test
  void theFilesRunnerServicesStartWithItsServicesTmpfs() {
    EngineExecutionResults results = Kit.run(FromRunnerConfig.class);
    Kit.assertNoFailures(results);
    results.testEvents().assertStatistics(s -> s.succeeded(1));
    assertThat(Leftovers.containers(Seen.containers())).isEmpty();
  }

  @Inner
  @CiServices(runnerConfig = DeclarationsTest.RUNNER_CONFIG, runnerName = "ci-services-test")
  @Service(name = "postgres:15", alias = "db", variables = "POSTGRES_PASSWORD=pw")
  static class FromRunnerConfig {
    @Test
    void seesTheRunnersService(@ServiceAlias("cache") ServiceHandle cache, @ServiceAlias("db") ServiceHandle db) {
      Seen.container(cache.containerId());
      Seen.container(db.containerId());
      // [[runners.docker.services]] redis:7 as "cache", before the class's own service
      assertThat(cache.hostnames()).containsExactly("redis", "cache");
      // services_tmpfs = {"/data" = "rw,size=16m"} on every service container
      for (ServiceHandle service : new ServiceHandle[] {cache, db}) {
        assertThat(Leftovers.exec(service.containerId(), "sh", "-c", "grep ' /data ' /proc/mounts"))
            .singleElement().asString().startsWith("tmpfs /data tmpfs rw").contains("size=16384k");
      }
    }
  }
}
