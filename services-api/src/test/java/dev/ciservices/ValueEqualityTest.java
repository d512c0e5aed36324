package dev.ciservices;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Specs and runner configurations are values: equal when built alike (Spring's context cache and
 * the testkit's shared services key on that), different when any setting differs.
 */
class ValueEqualityTest {
  private static final ServiceSpec SERVICE = ServiceSpec.builder("postgres:16").alias("db").variable("A", "1").build();

  @Test
  void serviceSpecsBuiltAlikeAreEqualAndEachSettingCounts() {
    assertEqualValues(SERVICE, ServiceSpec.builder("postgres:16").alias("db").variable("A", "1").build());
    assertDiffers(SERVICE, b -> b.alias("pg"));
    assertDiffers(SERVICE, b -> b.entrypoint("sh"));
    assertDiffers(SERVICE, b -> b.command("-c", "x"));
    assertDiffers(SERVICE, b -> b.variable("B", "2"));
    assertDiffers(SERVICE, b -> b.pullPolicy(PullPolicy.ALWAYS));
    assertDiffers(SERVICE, b -> b.ports(5432));
    assertDiffers(SERVICE, b -> b.user("999"));
    assertDiffers(SERVICE, b -> b.platform("linux/arm64"));
  }

  @Test
  void jobSpecsBuiltAlikeAreEqualAndEachSettingCounts() {
    JobSpec job = JobSpec.builder().name("test").service(SERVICE).script("true").build();
    assertThat(job).isEqualTo(JobSpec.builder().name("test").service(SERVICE).script("true").build())
        .hasSameHashCodeAs(JobSpec.builder().name("test").service(SERVICE).script("true").build());
    assertThat(job.toBuilder().timeout(Duration.ofMinutes(5)).build()).isNotEqualTo(job);
    assertThat(job.toBuilder().name("other").build()).isNotEqualTo(job);
    assertThat(job.toBuilder().afterScript("echo").build()).isNotEqualTo(job);
    assertThat(job.toBuilder().build()).isEqualTo(job);
  }

  @Test
  void runnerConfigsBuiltAlikeAreEqualAndEachSettingCounts() {
    RunnerConfig local = RunnerConfig.local().build();
    assertThat(local).isEqualTo(RunnerConfig.local().build()).hasSameHashCodeAs(RunnerConfig.local().build());
    assertThat(local.toBuilder().build()).isEqualTo(local);
    assertThat(local.toBuilder().credentialHelperPath(Path.of("/opt/helpers")).build()).isNotEqualTo(local);
    assertThat(local.toBuilder().networkMode(NetworkMode.LEGACY_LINKS).build()).isNotEqualTo(local);
    assertThat(local.toBuilder().servicesLimit(1).build()).isNotEqualTo(local);
    assertThat(local.toBuilder().runnerToken("glrt-other").build()).isNotEqualTo(local);
  }

  @Test
  void aBuiltSpecKeepsItsValuesWhenItsBuilderOrACopyChangesLater() {
    ServiceSpec.Builder builder = ServiceSpec.builder("postgres:16").variable("A", "1").ports(5432);
    ServiceSpec built = builder.build();
    builder.variable("B", "2").ports(6379).pullPolicy(PullPolicy.ALWAYS).alias("late");
    built.toBuilder().variable("C", "3").waitFor(Wait.forLogMessage("ready"));
    assertThat(built.variables()).extracting(Variable::key).containsExactly("A");
    assertThat(built.ports()).containsExactly(5432);
    assertThat(built.pullPolicies()).isEmpty();
    assertThat(built.waitConditions()).isEmpty();
    assertThat(built.alias()).isEmpty();

    JobSpec.Builder jobBuilder = JobSpec.builder().service(built).variable("V", "1");
    JobSpec job = jobBuilder.build();
    jobBuilder.service("redis:7").variable("W", "2").predefinedVariables(java.util.List.of(Variable.of("CI", "true")));
    job.toBuilder().service("mysql:8");
    assertThat(job.services()).containsExactly(built);
    assertThat(job.variables()).extracting(Variable::key).containsExactly("V");
  }

  private static void assertEqualValues(ServiceSpec a, ServiceSpec b) {
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a.toBuilder().build()).isEqualTo(a);
  }

  private static void assertDiffers(ServiceSpec base, UnaryOperator<ServiceSpec.Builder> change) {
    assertThat(change.apply(base.toBuilder()).build()).isNotEqualTo(base);
  }
}
