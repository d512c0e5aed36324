package dev.ciservices.kubernetes.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciservices.JobPlan;
import dev.ciservices.JobPlanner;
import dev.ciservices.JobSpec;
import dev.ciservices.RunnerConfig;
import dev.ciservices.Variable;
import dev.ciservices.registry.CredentialHelpers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pull secret's entries: every source merged as the runner merges them (registry-auth.md 5). */
class PullSecretsTest {
  private static final CredentialHelpers NO_HELPERS = CredentialHelpers.in(List.of());

  private static JobPlan plan(JobSpec job) {
    return JobPlanner.plan(job, RunnerConfig.defaults().toBuilder().dockerConfig(Path.of("/nonexistent")).build());
  }

  @Test
  void holdsTheVariablesEntriesAndTheJobTokenForTheGitLabRegistryUnderTheirOriginalKeys() {
    String auth = Base64.getEncoder().encodeToString("u:pw".getBytes(StandardCharsets.UTF_8));
    JobPlan plan = plan(JobSpec.builder().service("redis:7")
        .variable(Variable.secret("DOCKER_AUTH_CONFIG", "{\"auths\":{\"https://r.example:5005/v1/\":{\"auth\":\"" + auth
            + "\"},\"t.example\":{\"identitytoken\":\"id-tok\"}}}"))
        .variable("CI_REGISTRY", "registry.example.com:5050").variable(Variable.secret("CI_JOB_TOKEN", "job-token-1"))
        .build());
    assertThat(PullSecrets.credentials(plan, NO_HELPERS)).hasToString("{https://r.example:5005/v1/={\"username\":\"u\","
        + "\"password\":\"pw\",\"serveraddress\":\"https://r.example:5005/v1/\"}, t.example={\"serveraddress\":"
        + "\"t.example\",\"identitytoken\":\"id-tok\"}, registry.example.com:5050={\"username\":\"gitlab-ci-token\","
        + "\"password\":\"job-token-1\",\"serveraddress\":\"registry.example.com:5050\"}}");
  }

  /** A helper that answers "not found" for every server, and lists these for a store. */
  private static CredentialHelpers notFound(String listed) {
    return (name, action, input) -> action.equals("list") ? new CredentialHelpers.Output(0, listed)
        : new CredentialHelpers.Output(1, "credentials not found in native keychain\n");
  }

  @Test
  void aCredHelperThatFindsNothingGivesTheRunnersEmptyEntryUnderTheEmptyKey() {
    JobPlan plan = plan(JobSpec.builder().service("redis:7")
        .variable(Variable.secret("DOCKER_AUTH_CONFIG", "{\"credHelpers\":{\"r.example\":\"test\"},"
            + "\"auths\":{\"a.example\":{\"username\":\"u\",\"password\":\"pw-12345\"}}}"))
        .build());
    assertThat(PullSecrets.credentials(plan, notFound("{}"))).hasToString("{a.example={\"username\":\"u\","
        + "\"password\":\"pw-12345\",\"serveraddress\":\"a.example\"}, ={}}");
  }

  @Test
  void aStoreThatFindsNothingForAListedServerGivesTheEmptyEntryEvenOverAnAuthsEntry() {
    JobPlan plan = plan(JobSpec.builder().service("redis:7")
        .variable(Variable.secret("DOCKER_AUTH_CONFIG", "{\"credsStore\":\"test\","
            + "\"auths\":{\"s.example\":{\"username\":\"u\",\"password\":\"pw-12345\"}}}"))
        .build());
    // docker/cli's native store replaces the auths entry by its empty answer, address included
    assertThat(PullSecrets.credentials(plan, notFound("{\"s.example\":\"u\"}"))).hasToString("{={}}");
  }

  @Test
  void onlyEmptyEntriesStillMakeASecretAsTheRunnersNonEmptyListDoes() {
    JobPlan plan = plan(JobSpec.builder().service("redis:7")
        .variable(Variable.secret("DOCKER_AUTH_CONFIG", "{\"credHelpers\":{\"r.example\":\"test\","
            + "\"q.example\":\"test\"}}")).build());
    assertThat(PullSecrets.credentials(plan, notFound("{}"))).hasToString("{={}}");
    java.util.Optional<io.fabric8.kubernetes.api.model.Secret> secret = new PullSecrets().secret(plan, "pod-1", "ci",
        java.util.Map.of(), new Trace(dev.ciservices.ServiceListener.NONE, dev.ciservices.internal.Masker.NONE), notFound("{}"));
    assertThat(secret).hasValueSatisfying(s -> assertThat(new String(Base64.getDecoder()
        .decode(s.getData().get(PullSecrets.KEY)), StandardCharsets.UTF_8)).isEqualTo("{\"\":{}}"));
  }

  @Test
  void aHelpersStandardErrorGoesToThisProcesssStandardErrorMaskedWithTheSecretItJustReturned(
      @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    Path script = dir.resolve("docker-credential-test");
    java.nio.file.Files.writeString(script, "#!/bin/sh\ncat >/dev/null\n"
        + "echo 'debug: answering hunter2-from-helper for the job token job-token-1' >&2\n"
        + "printf '%s' '{\"Username\":\"u\",\"Secret\":\"hunter2-from-helper\"}'\n");
    java.nio.file.Files.setPosixFilePermissions(script, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    JobPlan plan = plan(JobSpec.builder().service("redis:7").variable(Variable.secret("CI_JOB_TOKEN", "job-token-1"))
        .variable(Variable.secret("DOCKER_AUTH_CONFIG", "{\"credHelpers\":{\"r.example\":\"test\"}}")).build());
    List<String> trace = new java.util.ArrayList<>();
    java.io.PrintStream err = System.err;
    java.io.ByteArrayOutputStream seen = new java.io.ByteArrayOutputStream();
    System.setErr(new java.io.PrintStream(seen, true, StandardCharsets.UTF_8));
    java.util.Optional<io.fabric8.kubernetes.api.model.Secret> secret;
    try {
      secret = new PullSecrets().secret(plan, "pod-1", "ci", java.util.Map.of(),
          new Trace(dev.ciservices.ServiceListener.trace(trace::add), dev.ciservices.internal.Masker.of(plan)),
          CredentialHelpers.in(List.of(dir)));
    } finally {
      System.setErr(err);
    }
    assertThat(secret).isPresent();
    assertThat(seen.toString(StandardCharsets.UTF_8))
        .isEqualTo("debug: answering [MASKED] for the job token [MASKED]\n");
    assertThat(trace).isEmpty();
  }

  @Test
  void noSourceNoSecret() {
    assertThat(PullSecrets.credentials(plan(JobSpec.builder().service("redis:7").build()), NO_HELPERS)).isEmpty();
  }
}
