package dev.ciservices.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ciservices.RunnerConfig;
import dev.ciservices.JobSpec;
import dev.ciservices.PullPolicy;
import dev.ciservices.ServiceSpec;
import dev.ciservices.Wait;
import java.util.List;
import java.util.Map;
import dev.ciservices.junit.CiServices.Lifecycle;
import dev.ciservices.junit.internal.Declarations;
import dev.ciservices.junit.internal.Definition;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/** Annotations to specs: every GitLab key, the options, meta-annotations, and a message for every bad value. */
class DeclarationsTest {

  @Test
  void mapsEveryKeyOfEveryServiceInDeclarationOrder() {
    Definition d = Declarations.of(EveryKey.class);

    assertThat(d.job()).isEqualTo(JobSpec.builder().name(EveryKey.class.getName())
        .variable("POSTGRES_PASSWORD", "pw").variable("TZ", "UTC")
        .service(ServiceSpec.builder("postgres:15").alias("db, pg").entrypoint("docker-entrypoint.sh")
            .command("postgres", "-c", "fsync=off").variable("POSTGRES_DB", "app").pullPolicy(PullPolicy.NEVER)
            .ports(5432).build())
        .service(ServiceSpec.of("redis:7"))
        .build());
    assertThat(d.config()).isEqualTo(RunnerConfig.builder().pullPolicy(PullPolicy.ALWAYS, PullPolicy.IF_NOT_PRESENT)
        .allowedPullPolicies(PullPolicy.values()).waitForServicesTimeout(5).build());
    assertThat(d.lifecycle()).isEqualTo(Lifecycle.PER_METHOD);
    assertThat(d.keepOnFailure()).isTrue();
    assertThat(d.logs()).isFalse();
    assertThat(d.where()).isEqualTo("DeclarationsTest$EveryKey");
  }

  @Test
  void withoutCiServicesTheDefaultsAreATestRunnerPerClass() {
    Definition d = Declarations.of(OnlyAService.class);

    assertThat(d.config()).isEqualTo(Definition.testRunner().build());
    assertThat(d.config().pullPolicies()).containsExactly(PullPolicy.IF_NOT_PRESENT);
    assertThat(d.config().waitForServicesTimeout()).isEqualTo(30);
    assertThat(d.lifecycle()).isEqualTo(Lifecycle.PER_CLASS);
    assertThat(d.keepOnFailure()).isFalse();
  }

  @Test
  void findsServicesInMetaAnnotationsAndOnSuperclasses() {
    assertThat(Declarations.of(Composed.class).job().services()).extracting(ServiceSpec::name)
        .containsExactly("postgres:15", "redis:7");
    assertThat(Declarations.of(Inheriting.class).job().services()).extracting(ServiceSpec::name)
        .containsExactly("postgres:15");
  }

  @Test
  void networkModeSetsTheRunnersNetworkMode() {
    assertThat(Declarations.of(InAPod.class).config().networkMode()).isEqualTo(dev.ciservices.NetworkMode.POD);
    assertThat(Declarations.of(OnlyAService.class).config().networkMode()).isEqualTo(dev.ciservices.NetworkMode.PER_JOB);
  }

  @CiServices(networkMode = dev.ciservices.NetworkMode.POD)
  @Service(name = "redis:7")
  static class InAPod {}

  @Test
  void podOwnerImageSetsTheNamespaceOwnersImage() {
    assertThat(Declarations.of(InAPod.class).config().podOwnerImage()).isEqualTo("busybox:latest");
    assertThat(Declarations.of(InAMirroredPod.class).config().podOwnerImage())
        .isEqualTo("registry.local:5000/mirror/busybox:1.36");
    assertThatThrownBy(() -> Declarations.of(BadPodOwnerImage.class))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessage("[@CiServices(podOwnerImage = \"Busy Box\")] on DeclarationsTest$BadPodOwnerImage:"
            + " RunnerConfig.pod_owner_image: image name \"Busy Box\" contains white space; an image name is one word"
            + " such as \"postgres:16\"");
  }

  @CiServices(networkMode = dev.ciservices.NetworkMode.POD, podOwnerImage = "registry.local:5000/mirror/busybox:1.36")
  @Service(name = "redis:7")
  static class InAMirroredPod {}

  @CiServices(networkMode = dev.ciservices.NetworkMode.POD, podOwnerImage = "Busy Box")
  @Service(name = "redis:7")
  static class BadPodOwnerImage {}

  @Test
  void logsTurnOnDebugServices() {
    Definition d = Declarations.of(Logging.class);

    assertThat(d.logs()).isTrue();
    assertThat(d.job().variables()).extracting(v -> v.key() + "=" + v.value()).containsExactly("CI_DEBUG_SERVICES=true");
  }

  @Test
  void aNestedClassTakesTheOptionsOfItsEnclosingClass() {
    assertThat(Declarations.of(EveryKey.InnerServices.class).lifecycle()).isEqualTo(Lifecycle.PER_METHOD);
  }

  @Test
  void rendersOnlyTheMembersThatAreSet() {
    assertThat(Declarations.render(EveryKey.class.getAnnotationsByType(Service.class)[0])).isEqualTo(
        "@Service(name = \"postgres:15\", alias = \"db, pg\", entrypoint = \"docker-entrypoint.sh\","
            + " command = {\"postgres\", \"-c\", \"fsync=off\"}, variables = \"POSTGRES_DB=app\", pullPolicy = \"never\","
            + " ports = 5432)");
    assertThat(Declarations.render(EveryKey.class.getAnnotationsByType(Service.class)[1]))
        .isEqualTo("@Service(name = \"redis:7\")");
  }

  @Test
  void theValueIsTheNameForShort() {
    assertThat(Declarations.of(ByValue.class).job().services()).containsExactly(ServiceSpec.of("redis:7"),
        ServiceSpec.builder("postgres:15").alias("db").ports(5432).build());
    assertThat(Declarations.render(ByValue.class.getAnnotationsByType(Service.class)[0]))
        .isEqualTo("@Service(\"redis:7\")");
    assertThat(Declarations.render(ByValue.class.getAnnotationsByType(Service.class)[1]))
        .isEqualTo("@Service(value = \"postgres:15\", alias = \"db\", ports = 5432)");
  }

  @Test
  void bothValueAndNameSayWhichToKeep() {
    assertThatThrownBy(() -> Declarations.of(ValueAndName.class)).isInstanceOf(ExtensionConfigurationException.class)
        .hasMessage("[@Service(value = \"redis:7\", name = \"redis:6\")] on DeclarationsTest$ValueAndName: both"
            + " value and name give the image; keep one: @Service(\"redis:7\") or @Service(name = \"redis:6\")");
  }

  @Test
  void neitherValueNorNameSaysHowToGiveTheImage() {
    assertThatThrownBy(() -> Declarations.of(NoImage.class)).isInstanceOf(ExtensionConfigurationException.class)
        .hasMessage("[@Service(alias = \"cache\")] on DeclarationsTest$NoImage: no image; give it as"
            + " @Service(\"redis:7\") or @Service(name = \"redis:7\")");
  }

  @Test
  void waitForLogAddsALogCondition() {
    assertThat(Declarations.of(Inheriting.class).job().services().get(0).waitConditions())
        .containsExactly(Wait.forLogMessage(".*database system is ready to accept connections.*", 2));
    assertThat(Declarations.render(WithPostgres.class.getAnnotation(Service.class))).isEqualTo(
        "@Service(name = \"postgres:15\", alias = \"db\", variables = \"POSTGRES_PASSWORD=pw\", ports = 5432,"
            + " waitForLog = \".*database system is ready to accept connections.*\", waitForLogTimes = 2)");
    assertThatThrownBy(() -> Declarations.of(TimesWithoutLog.class))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessage("[@Service(name = \"redis:7\", waitForLogTimes = 2)] on DeclarationsTest$TimesWithoutLog:"
            + " waitForLogTimes without waitForLog; give the regular expression to count");
  }

  @Test
  void aVariableWithoutEqualsSignSaysHowToWriteIt() {
    assertThatThrownBy(() -> Declarations.of(VariableWithoutValue.class))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessage("[@Service(name = \"redis:7\", variables = \"REDIS_ARGS\")] on DeclarationsTest$VariableWithoutValue:"
            + " variable \"REDIS_ARGS\" is not KEY=value; write it as e.g. \"POSTGRES_PASSWORD=secret\"");
  }

  @Test
  void aBadVariableKeyNamesTheAnnotationAndTheFix() {
    assertThatThrownBy(() -> Declarations.of(BadJobVariable.class))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessage("[@CiServices(variables = \"DB-PASSWORD=pw\")] on DeclarationsTest$BadJobVariable:"
            + " JobSpec.variables[0]: variable key \"DB-PASSWORD\" is invalid: a key may hold only letters, digits and '_';"
            + " use \"DB_PASSWORD\"");
  }

  @Test
  void aBadPortNamesTheAnnotationAndTheRange() {
    assertThatThrownBy(() -> Declarations.of(BadPort.class))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessage("[@Service(name = \"redis:7\", ports = 70000)] on DeclarationsTest$BadPort: ServiceSpec.ports[0]"
            + " 70000 is not a TCP port; use 1 to 65535, e.g. 5432");
  }

  @Test
  void aBadPullPolicyListsTheAcceptedOnes() {
    assertThatThrownBy(() -> Declarations.of(BadRunnerPullPolicy.class))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessage("[@CiServices(pullPolicy = \"sometimes\")] on DeclarationsTest$BadRunnerPullPolicy: unsupported"
            + " pull_policy config: \"sometimes\"; use one of always, if-not-present, never");
    assertThatThrownBy(() -> Declarations.of(BadServicePullPolicy.class))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessage("[@Service(name = \"redis:7\", pullPolicy = \"sometimes\")] on DeclarationsTest$BadServicePullPolicy:"
            + " ServiceSpec.pull_policy[0]: unsupported pull policy: \"sometimes\"; use one of always, if-not-present,"
            + " never");
  }

  @Test
  void runnerConfigSetsUpTheRunnerFromTheNamedEntryOfTheFile() {
    RunnerConfig config = Declarations.of(FromRunnerConfig.class).config();

    assertThat(config.waitForServicesTimeout()).isEqualTo(60);
    assertThat(config.services()).containsExactly(ServiceSpec.fromRunnerConfig("redis:7", "cache", List.of(),
        List.of(), List.of()));
    assertThat(config.docker().servicesTmpfs()).containsExactly(Map.entry("/data", "rw,size=16m"));
    assertThat(config.pullPolicies()).containsExactly(PullPolicy.IF_NOT_PRESENT);
  }

  @Test
  void theAnnotationsOwnOptionsWinOverTheFileWhereTheyAreSet() {
    RunnerConfig config = Declarations.of(RunnerConfigAndTimeout.class).config();

    assertThat(config.waitForServicesTimeout()).isEqualTo(5);
    assertThat(config.pullPolicies()).containsExactly(PullPolicy.NEVER);
    assertThat(config.docker().servicesTmpfs()).containsKey("/data");
  }

  @Test
  void aBadValueInTheRunnerConfigIsOneLineNamingTheFileTheKeyAndTheFix() {
    assertThatThrownBy(() -> Declarations.of(BadRunnerConfig.class))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessage("[@CiServices(runnerConfig = \"src/test/resources/runner/bad.toml\")] on"
            + " DeclarationsTest$BadRunnerConfig: src/test/resources/runner/bad.toml: [runners.docker]"
            + " wait_for_services_timeout \"soon\": not a whole number; write e.g. wait_for_services_timeout = 30");
  }

  @Test
  void aMissingRunnerConfigSaysWhatToGive() {
    assertThatThrownBy(() -> Declarations.of(MissingRunnerConfig.class))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessage("[@CiServices(runnerConfig = \"ci/config.toml\")] on DeclarationsTest$MissingRunnerConfig:"
            + " ci/config.toml: no such file; give the path of GitLab Runner's config.toml, e.g."
            + " /etc/gitlab-runner/config.toml");
  }

  @Test
  void anUnknownRunnerNameListsTheFilesRunners() {
    assertThatThrownBy(() -> Declarations.of(UnknownRunnerName.class))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessage("[@CiServices(runnerConfig = \"" + RUNNER_CONFIG + "\", runnerName = \"docker\")] on"
            + " DeclarationsTest$UnknownRunnerName: " + RUNNER_CONFIG + ": no [[runners]] named \"docker\"; its"
            + " runners are \"other\", \"ci-services-test\"");
  }

  @Test
  void aRunnerNameWithoutTheFileSaysToGiveTheFile() {
    assertThatThrownBy(() -> Declarations.of(RunnerNameOnly.class))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessage("[@CiServices(runnerName = \"docker\")] on DeclarationsTest$RunnerNameOnly: runnerName needs"
            + " runnerConfig; give the file too, e.g. @CiServices(runnerConfig = \"ci/config.toml\", runnerName ="
            + " \"docker\")");
  }

  static final String RUNNER_CONFIG = "src/test/resources/runner/config.toml";

  @CiServices(runnerConfig = RUNNER_CONFIG, runnerName = "ci-services-test")
  @Service(name = "postgres:15")
  static class FromRunnerConfig {}

  @CiServices(runnerConfig = RUNNER_CONFIG, runnerName = "ci-services-test", timeoutSeconds = 5, pullPolicy = "never")
  @Service(name = "postgres:15")
  static class RunnerConfigAndTimeout {}

  @CiServices(runnerConfig = "src/test/resources/runner/bad.toml")
  @Service(name = "postgres:15")
  static class BadRunnerConfig {}

  @CiServices(runnerConfig = "ci/config.toml")
  @Service(name = "postgres:15")
  static class MissingRunnerConfig {}

  @CiServices(runnerConfig = RUNNER_CONFIG, runnerName = "docker")
  @Service(name = "postgres:15")
  static class UnknownRunnerName {}

  @CiServices(runnerName = "docker")
  @Service(name = "postgres:15")
  static class RunnerNameOnly {}

  @CiServices(lifecycle = Lifecycle.PER_METHOD, keepOnFailure = true, timeoutSeconds = 5,
      pullPolicy = {"always", "if-not-present"}, variables = {"POSTGRES_PASSWORD=pw", "TZ=UTC"})
  @Service(name = "postgres:15", alias = "db, pg", entrypoint = "docker-entrypoint.sh",
      command = {"postgres", "-c", "fsync=off"}, variables = "POSTGRES_DB=app", pullPolicy = "never", ports = 5432)
  @Service(name = "redis:7")
  static class EveryKey {
    @Nested
    @Service(name = "redis:7")
    class InnerServices {}
  }

  @Service(name = "redis:7")
  static class OnlyAService {}

  @Service("redis:7")
  @Service(value = "postgres:15", alias = "db", ports = 5432)
  static class ByValue {}

  @Service(value = "redis:7", name = "redis:6")
  static class ValueAndName {}

  @Service(alias = "cache")
  static class NoImage {}

  @SharedBackingServices
  static class Composed {}

  @WithPostgres
  static class Base {}

  static class Inheriting extends Base {}

  @CiServices(logs = true)
  @Service(name = "redis:7")
  static class Logging {}

  @Service(name = "redis:7", waitForLogTimes = 2)
  static class TimesWithoutLog {}

  @Service(name = "redis:7", variables = "REDIS_ARGS")
  static class VariableWithoutValue {}

  @CiServices(variables = "DB-PASSWORD=pw")
  @Service(name = "redis:7")
  static class BadJobVariable {}

  @Service(name = "redis:7", ports = 70000)
  static class BadPort {}

  @CiServices(pullPolicy = "sometimes")
  @Service(name = "redis:7")
  static class BadRunnerPullPolicy {}

  @Service(name = "redis:7", pullPolicy = "sometimes")
  static class BadServicePullPolicy {}
}
