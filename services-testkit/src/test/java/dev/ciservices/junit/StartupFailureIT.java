package dev.ciservices.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciservices.ServiceNotReadyException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** A class whose services do not start fails before its first test, with the whole diagnosis. */
class StartupFailureIT {
  private static final String CONTAINER = "runner-local-project-0-concurrent-0-([0-9a-f]{16})-ci-services__never-listens-0";

  @Test
  void aServiceThatNeverListensFailsTheClassWithGitLabsDiagnosis() {
    EngineExecutionResults results = Kit.run(NeverReady.class);

    results.testEvents().assertStatistics(s -> s.started(0));
    Throwable failure = Kit.onlyFailure(results);
    assertThat(failure).isInstanceOf(ServiceNotReadyException.class);
    assertThat(failure.getMessage()).matches(Pattern.quote("Service ci-services/never-listens:latest (services[0],"
        + " hostnames [ci-services__never-listens, ci-services-never-listens, never], image"
        + " ci-services/never-listens:latest, container ") + CONTAINER + " [0-9a-f]{12}"
        + Pattern.quote(") probably didn't start properly.\nHealth check error:\nservice \"") + CONTAINER
        + Pattern.quote("-wait-for-service\" timeout\nService container logs (last 20 lines):\n"));
    assertThat(Leftovers.ofJobNamed(NeverReady.class.getName())).isEmpty();
  }

  @Test
  void keepOnFailureKeepsTheContainersAndSaysHowToListThem() {
    EngineExecutionResults results = Kit.run(NeverReadyKept.class);

    Throwable failure = Kit.onlyFailure(results);
    Matcher instance = Pattern.compile(CONTAINER).matcher(failure.getMessage());
    assertThat(instance.find()).isTrue();
    String id = instance.group(1);
    try {
      assertThat(failure).isInstanceOf(ServiceNotReadyException.class);
      assertThat(failure.getMessage()).endsWith("\nKeeping the containers of job " + id + " for debugging; list them"
          + " with: docker ps -a --filter label=dev.ciservices.job.instance=" + id
          + " (they are removed by the next run once this JVM has exited)");
      assertThat(Leftovers.ofJob(id)).hasSize(3).anyMatch(l -> l.startsWith("container "))
          .anyMatch(l -> l.startsWith("network ")).anyMatch(l -> l.startsWith("volume "));
    } finally {
      Leftovers.removeJob(id);
    }
    assertThat(Leftovers.ofJob(id)).isEmpty();
  }

  @Test
  void sharedServicesThatFailFailEveryClassThatDeclaresThemAfterOneAttempt() {
    EngineExecutionResults results = Kit.run(NeverReadyShared.class, NeverReadySharedToo.class);

    results.containerEvents().assertStatistics(s -> s.failed(2));
    var failures = results.containerEvents().failed().stream()
        .map(e -> e.getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow().getThrowable()
            .orElseThrow()).toList();
    assertThat(failures.get(0)).isInstanceOf(ServiceNotReadyException.class).isSameAs(failures.get(1));
    assertThat(Leftovers.ofJobNamed("shared")).isEmpty();
  }

  @Test
  void aDeclarationGitLabRejectsFailsTheClassNamingIt() {
    assertThat(Kit.onlyFailure(Kit.run(InvalidAlias.class)))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessage("The services of StartupFailureIT$InvalidAlias cannot start:\n"
            + "  services[0].alias \"db!\": invalid service alias: db!; an alias is a hostname: letters, digits,"
            + " '-', '_' and '.', e.g. \"db\" ([@Service(name = \"redis:7\", alias = \"db!\")] on StartupFailureIT$InvalidAlias)");
  }

  @Inner
  @CiServices(timeoutSeconds = 2)
  @Service(name = "ci-services/never-listens:latest", alias = "never")
  static class NeverReady {
    @Test
    void test() {}
  }

  @Inner
  @CiServices(timeoutSeconds = 2, keepOnFailure = true)
  @Service(name = "ci-services/never-listens:latest", alias = "never")
  static class NeverReadyKept {
    @Test
    void test() {}
  }

  @Inner
  @CiServices(timeoutSeconds = 2, lifecycle = CiServices.Lifecycle.SHARED)
  @Service(name = "ci-services/never-listens:latest", alias = "never")
  static class NeverReadyShared {
    @Test
    void test() {}
  }

  @Inner
  @CiServices(timeoutSeconds = 2, lifecycle = CiServices.Lifecycle.SHARED)
  @Service(name = "ci-services/never-listens:latest", alias = "never")
  static class NeverReadySharedToo {
    @Test
    void test() {}
  }

  @Inner
  @Service(name = "redis:7", alias = "db!")
  static class InvalidAlias {
    @Test
    void test() {}
  }
}
