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

  @Test
  void noSourceNoSecret() {
    assertThat(PullSecrets.credentials(plan(JobSpec.builder().service("redis:7").build()), NO_HELPERS)).isEmpty();
  }
}
