package dev.ciservices.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.skippedWithReason;

import dev.ciservices.ServicesException;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** Without a container engine, classes with services are skipped with the reason, or fail with it on CI. */
class NoEngineTest {
  private static final String REASON =
      "no service backend could connect:\n  unreachable: " + UnreachableBackendProvider.REASON;

  @Test
  void classesAreSkippedWithTheReason() {
    EngineExecutionResults results = Kit.run(Map.of("ciservices.backend", "unreachable",
        "ciservices.junit.failWithoutEngine", "false"), Declared.class, Programmatic.class);

    results.testEvents().assertStatistics(s -> s.started(0));
    String reason = "No container engine for the services, so the tests are skipped (with CI=true, or"
        + " ciservices.junit.failWithoutEngine=true, they fail): " + REASON;
    results.containerEvents().assertThatEvents()
        .haveExactly(1, event(container(Declared.class), skippedWithReason(reason)))
        .haveExactly(1, event(container(Programmatic.class), skippedWithReason(reason)));
  }

  @Test
  void onCiClassesFailWithTheReason() {
    EngineExecutionResults results = Kit.run(Map.of("ciservices.backend", "unreachable",
        "ciservices.junit.failWithoutEngine", "true"), Declared.class);

    results.testEvents().assertStatistics(s -> s.started(0));
    assertThat(Kit.onlyFailure(results)).isInstanceOf(ServicesException.class)
        .hasMessage("No container engine for the services, which fails the tests here (CI=true, or"
            + " ciservices.junit.failWithoutEngine=true): " + REASON);
  }

  @Test
  void aBackendThatDoesNotExistIsNamedWithTheOnesThatDo() {
    EngineExecutionResults results = Kit.run(Map.of("ciservices.backend", "podman",
        "ciservices.junit.failWithoutEngine", "false"), Declared.class);

    results.containerEvents().assertThatEvents().haveExactly(1, event(container(Declared.class), skippedWithReason(
        r -> r.matches(".*: no service backend named \"podman\"; available: \\[[a-z, ]+\\]")
            && Set.of(r.substring(r.lastIndexOf('[') + 1, r.length() - 1).split(", "))
                .equals(Set.of("docker", "unreachable", "memory")))));
  }

  @Inner
  @Service(name = "redis:7")
  static class Declared {
    @Test
    void test() {}
  }

  @Inner
  static class Programmatic {
    @org.junit.jupiter.api.extension.RegisterExtension
    static CiServicesExtension services =
        CiServicesExtension.forJob(dev.ciservices.JobSpec.ofServices(dev.ciservices.ServiceSpec.of("redis:7")));

    @Test
    void test() {}
  }
}
