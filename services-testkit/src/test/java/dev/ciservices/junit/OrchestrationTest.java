package dev.ciservices.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciservices.JobSpec;
import dev.ciservices.RunningServices;
import dev.ciservices.ServiceNotReadyException;
import dev.ciservices.ServiceSpec;
import dev.ciservices.junit.CiServices.Lifecycle;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * The extension's orchestration on the in-memory backend: when services start and go for each
 * lifecycle, what a failed test keeps, what injection refuses, and which services a test sees.
 */
class OrchestrationTest {
  private static final Map<String, String> MEMORY = Map.of("ciservices.backend", "memory");

  @BeforeEach
  void memoryBackend() {
    MemoryBackendProvider.LOG.clear();
    MemoryBackendProvider.enabled = true;
  }

  @AfterEach
  void off() {
    MemoryBackendProvider.enabled = false;
  }

  private static EngineExecutionResults run(Class<?>... classes) {
    return Kit.run(MEMORY, classes);
  }

  private static List<String> log() {
    return List.copyOf(MemoryBackendProvider.LOG);
  }

  private static String instanceOf(String entry) {
    return entry.substring(entry.lastIndexOf(' ') + 1);
  }

  @Test
  void perClassServicesStartOnceBeforeTheFirstTestAndGoAfterTheLast() {
    Kit.assertNoFailures(run(PerClass.class));
    List<String> log = log();
    assertThat(log).hasSize(2);
    assertThat(log.get(0)).startsWith("start " + PerClass.class.getName() + " ");
    assertThat(log.get(1)).isEqualTo("close " + instanceOf(log.get(0)));
  }

  @Test
  void perMethodServicesStartAndGoAroundEachTest() {
    Kit.assertNoFailures(run(PerMethod.class));
    List<String> log = log();
    assertThat(log).hasSize(4);
    assertThat(log.get(1)).isEqualTo("close " + instanceOf(log.get(0)));
    assertThat(log.get(3)).isEqualTo("close " + instanceOf(log.get(2)));
    assertThat(instanceOf(log.get(0))).isNotEqualTo(instanceOf(log.get(2)));
  }

  @Test
  void sharedServicesStartOnceForEveryClassThatDeclaresThemAndGoAtTheEndOfTheRun() {
    Kit.assertNoFailures(run(SharedOne.class, SharedTwo.class));
    List<String> log = log();
    assertThat(log).hasSize(2);
    assertThat(log.get(0)).startsWith("start shared ");
    assertThat(log.get(1)).isEqualTo("close " + instanceOf(log.get(0)));
  }

  @Test
  void aFailedTestKeepsTheServicesWhenTheDeclarationSaysSo() {
    EngineExecutionResults results = run(FailingKept.class);
    assertThat(Kit.onlyFailure(results)).isInstanceOf(AssertionError.class).hasMessage("the test fails");
    List<String> log = log();
    assertThat(log).hasSize(2);
    assertThat(log.get(1)).isEqualTo("keep " + instanceOf(log.get(0)));
  }

  @Test
  void aFailedTestOfSharedServicesKeepsThemAtTheEndOfTheRun() {
    run(FailingSharedKept.class);
    List<String> log = log();
    assertThat(log).hasSize(2);
    assertThat(log.get(1)).isEqualTo("keep " + instanceOf(log.get(0)));
  }

  @Test
  void aFailedTestRemovesTheServicesByDefault() {
    run(FailingNotKept.class);
    List<String> log = log();
    assertThat(log).hasSize(2);
    assertThat(log.get(1)).isEqualTo("close " + instanceOf(log.get(0)));
  }

  @Test
  void aStartThatFailsFailsTheClassAndNoTestRuns() {
    EngineExecutionResults results = run(NeverReady.class);
    results.testEvents().assertStatistics(s -> s.started(0));
    assertThat(Kit.onlyFailure(results)).isInstanceOf(ServiceNotReadyException.class)
        .hasMessage("Service memory/never-ready:1 (services[0]) probably didn't start properly.");
    assertThat(log()).singleElement().asString().startsWith("failed ");
  }

  @Test
  void anUnknownAliasIsRefusedNamingTheFieldAndTheHostnamesThereAre() {
    assertThat(Kit.onlyFailure(run(UnknownAlias.class))).isInstanceOf(ExtensionConfigurationException.class)
        .hasMessage("No service answers to \"cache\" for [static field ServiceHandle OrchestrationTest$UnknownAlias.cache];"
            + " the hostnames are [redis, db] of redis:7: use one of them in @ServiceAlias");
    assertThat(log()).hasSize(2).last().asString().startsWith("close ");
  }

  @Test
  void underParallelPerMethodTestsEachTestSeesItsOwnServices() {
    ParallelPerMethod.SEEN.clear();
    Kit.assertNoFailures(Kit.run(Map.of("ciservices.backend", "memory",
        "junit.jupiter.execution.parallel.enabled", "true",
        "junit.jupiter.execution.parallel.mode.default", "concurrent",
        "junit.jupiter.execution.parallel.config.strategy", "fixed",
        "junit.jupiter.execution.parallel.config.fixed.parallelism", "4",
        "junit.jupiter.execution.parallel.config.fixed.max-pool-size", "8"), ParallelPerMethod.class));
    // each test saw, through the extension, the very services injected into it
    assertThat(ParallelPerMethod.SEEN).hasSize(4).allSatisfy((test, pair) -> assertThat(pair.get(0)).isEqualTo(pair.get(1)));
    assertThat(Set.copyOf(ParallelPerMethod.SEEN.values().stream().map(p -> p.get(0)).toList())).hasSize(4);
  }

  @Inner
  @Service(name = "redis:7")
  static class PerClass {
    @Test
    void one() {}

    @Test
    void two() {}
  }

  @Inner
  @CiServices(lifecycle = Lifecycle.PER_METHOD)
  @Service(name = "redis:7")
  static class PerMethod {
    @Test
    void one() {}

    @Test
    void two() {}
  }

  @Inner
  @CiServices(lifecycle = Lifecycle.SHARED)
  @Service(name = "redis:7")
  static class SharedOne {
    @Test
    void test() {}
  }

  @Inner
  @CiServices(lifecycle = Lifecycle.SHARED)
  @Service(name = "redis:7")
  static class SharedTwo {
    @Test
    void test() {}
  }

  @Inner
  @CiServices(keepOnFailure = true)
  @Service(name = "redis:7")
  static class FailingKept {
    @Test
    void passes() {}

    @Test
    void fails() {
      throw new AssertionError("the test fails");
    }
  }

  @Inner
  @CiServices(lifecycle = Lifecycle.SHARED, keepOnFailure = true)
  @Service(name = "redis:7")
  static class FailingSharedKept {
    @Test
    void fails() {
      throw new AssertionError("the test fails");
    }
  }

  @Inner
  @Service(name = "redis:7")
  static class FailingNotKept {
    @Test
    void fails() {
      throw new AssertionError("the test fails");
    }
  }

  @Inner
  @Service(name = MemoryBackendProvider.NEVER_READY)
  static class NeverReady {
    @Test
    void test() {}
  }

  @Inner
  @Service(name = "redis:7", alias = "db")
  static class UnknownAlias {
    @ServiceAlias("cache")
    static ServiceHandle cache;

    @Test
    void test() {}
  }

  @Inner
  static class ParallelPerMethod {
    static final Map<String, List<String>> SEEN = new ConcurrentHashMap<>();
    private static final CyclicBarrier ALL_STARTED = new CyclicBarrier(4);

    @RegisterExtension
    final CiServicesExtension services = CiServicesExtension.forJob(JobSpec.ofServices(ServiceSpec.of("redis:7")));

    private void see(TestInfo test, RunningServices injected) throws Exception {
      // every test's services are started before any test asks the extension for its own
      ALL_STARTED.await(10, TimeUnit.SECONDS);
      SEEN.put(test.getDisplayName(), List.of(services.running().plan().instanceId(), injected.plan().instanceId()));
    }

    @Test
    void one(TestInfo test, RunningServices injected) throws Exception {
      see(test, injected);
    }

    @Test
    void two(TestInfo test, RunningServices injected) throws Exception {
      see(test, injected);
    }

    @Test
    void three(TestInfo test, RunningServices injected) throws Exception {
      see(test, injected);
    }

    @Test
    void four(TestInfo test, RunningServices injected) throws Exception {
      see(test, injected);
    }
  }
}
