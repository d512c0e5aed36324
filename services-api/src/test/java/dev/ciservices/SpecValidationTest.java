package dev.ciservices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Bad input at build time: each message names the field, the value and the fix. */
class SpecValidationTest {
  @Test
  void emptyServiceName() {
    assertThatThrownBy(() -> ServiceSpec.of(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ServiceSpec.name is empty; give an image name such as \"postgres:16\"");
  }

  @Test
  void invalidVariableKeyNamesThePathAndTheFix() {
    assertThatThrownBy(() -> ServiceSpec.builder("postgres").variable("OK", "1").variable("MY-VAR", "x"))
        .hasMessage("ServiceSpec.variables[1]: variable key \"MY-VAR\" is invalid: a key may hold only letters,"
            + " digits and '_'; use \"MY_VAR\"");
    assertThatThrownBy(() -> JobSpec.builder().variable("", "x"))
        .hasMessage("JobSpec.variables[0]: variable key \"\" is invalid: a key may hold only letters, digits and '_'");
  }

  @Test
  void aliasesListRejectsItemsHoldingSeveralAliases() {
    assertThatThrownBy(() -> ServiceSpec.builder("postgres").aliases("db", "a,b"))
        .hasMessage("ServiceSpec.aliases[1] \"a,b\" is not one alias; pass each alias separately, or a single string"
            + " to alias(...)");
    assertThat(ServiceSpec.builder("postgres").aliases("db", "pg").build().aliases()).containsExactly("db", "pg");
  }

  @Test
  void negativeServicesLimitSaysHowToAskForUnlimited() {
    assertThatThrownBy(() -> RunnerConfig.builder().servicesLimit(-1))
        .hasMessage("RunnerConfig.services_limit -1 is negative; GitLab reads a negative limit as unlimited:"
            + " call unlimitedServices() for that, or give a limit of 0 or more");
  }

  @Test
  void dnsMustBeAnAddress() {
    assertThatThrownBy(() -> RunnerConfig.builder().dns("8.8.8.8", "dns.google"))
        .hasMessage("invalid DNS server address \"dns.google\": RunnerConfig.dns[1] must be an IPv4 or IPv6 address,"
            + " e.g. \"1.1.1.1\"");
    assertThat(RunnerConfig.builder().dns("1.1.1.1", "2606:4700::1111").build().dns()).hasSize(2);
  }

  @Test
  void extraHostsMustBeHostColonIp() {
    assertThatThrownBy(() -> RunnerConfig.builder().extraHosts("db.local"))
        .hasMessage("RunnerConfig.extra_hosts[0] \"db.local\" is not host:ip; use e.g. \"db.local:10.0.0.5\"");
  }

  @Test
  void malformedGlobIsRejectedWhenConfigured() {
    assertThatThrownBy(() -> RunnerConfig.builder().allowedServices("postgres:[1"))
        .hasMessage("RunnerConfig.allowed_services[0] \"postgres:[1\" is not a valid glob: unclosed '['; use *, ?, **"
            + " and [...] as in \"postgres:*\"");
  }

  @Test
  void projectPathMustHaveANamespace() {
    assertThatThrownBy(() -> JobSpec.builder().projectPath("app"))
        .hasMessage("JobSpec.projectPath \"app\" is not a project path; use namespace/project, e.g. \"my-group/my-app\"");
  }

  @Test
  void workspaceMustBeAnExistingDirectory() {
    assertThatThrownBy(() -> JobSpec.builder().workspace(java.nio.file.Path.of("/no/such/project")))
        .hasMessage("JobSpec.workspace \"/no/such/project\" is not an existing directory; give the project directory to"
            + " copy into the job, e.g. Path.of(\".\")");
    assertThatThrownBy(() -> JobSpec.builder().timeout(java.time.Duration.ZERO))
        .hasMessage("JobSpec.timeout PT0S must be positive and at most 30 days (GitLab's longest job timeout is a month),"
            + " e.g. Duration.ofMinutes(10)");
  }

  @Test
  void specsAreValuesAndMaskSecretsInToString() {
    ServiceSpec a = ServiceSpec.builder("postgres:16").alias("db").variable(Variable.secret("PW", "hunter22")).build();
    ServiceSpec b = a.toBuilder().build();
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a.withAlias("pg")).isNotEqualTo(a);
    assertThat(a.toString()).contains("PW=[MASKED]").doesNotContain("hunter22");
    JobSpec job = JobSpec.builder().variable(Variable.secret("TOKEN", "abcdefgh")).service(a).build();
    assertThat(job.toBuilder().build()).isEqualTo(job);
    assertThat(job.toString()).doesNotContain("abcdefgh");
    RunnerConfig config = RunnerConfig.builder().dns("1.1.1.1").servicesLimit(3).build();
    assertThat(config.toBuilder().build()).isEqualTo(config).hasSameHashCodeAs(config);
  }
}
