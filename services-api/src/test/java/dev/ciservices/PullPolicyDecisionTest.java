package dev.ciservices;

import static dev.ciservices.PullPolicy.ALWAYS;
import static dev.ciservices.PullPolicy.IF_NOT_PRESENT;
import static dev.ciservices.PullPolicy.NEVER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PullPolicyDecisionTest {
  @Test
  void defaultRunnerAllowsOnlyAlwaysSoAJobAskingIfNotPresentIsRejected() {
    PullPolicyDecision d = PullPolicyDecision.decide(List.of(IF_NOT_PRESENT), RunnerConfig.defaults());
    assertThat(d.isAllowed()).isFalse();
    assertThat(d.error("postgres:16")).contains("invalid pull policy for image \"postgres:16\": pull_policy"
        + " ([if-not-present]) defined in GitLab pipeline config is not one of the allowed_pull_policies ([always])");
  }

  @Test
  void namesTheRunnerConfigAsSourceWhenTheServiceSetsNone() {
    RunnerConfig config = RunnerConfig.builder().pullPolicy(NEVER).allowedPullPolicies(ALWAYS).build();
    assertThat(PullPolicyDecision.decide(List.of(), config).error("redis:7"))
        .contains("invalid pull policy for image \"redis:7\": pull_policy ([never]) defined in Runner config"
            + " is not one of the allowed_pull_policies ([always])");
    RunnerConfig defaults = RunnerConfig.builder().allowedPullPolicies(NEVER).build();
    assertThat(PullPolicyDecision.decide(List.of(), defaults).error("redis:7"))
        .contains("invalid pull policy for image \"redis:7\": pull_policy ([always]) defined in Runner config (default)"
            + " is not one of the allowed_pull_policies ([never])");
  }

  @Test
  void effectiveListKeepsRequestedOrderAndDuplicates() {
    RunnerConfig config = RunnerConfig.builder().allowedPullPolicies(NEVER, IF_NOT_PRESENT).build();
    PullPolicyDecision d = PullPolicyDecision.decide(List.of(ALWAYS, IF_NOT_PRESENT, NEVER, IF_NOT_PRESENT), config);
    assertThat(d.effective()).containsExactly(IF_NOT_PRESENT, NEVER, IF_NOT_PRESENT);
    assertThat(d.effectivePolicyLine("postgres:16"))
        .isEqualTo("Using effective pull policy of [if-not-present never if-not-present] for container postgres:16");
  }

  @Test
  void allowedListIsTheRunnersPullPolicyWhenNotSet() {
    RunnerConfig config = RunnerConfig.builder().pullPolicy(IF_NOT_PRESENT, NEVER).build();
    PullPolicyDecision d = PullPolicyDecision.decide(List.of(NEVER), config);
    assertThat(d.allowed()).containsExactly(IF_NOT_PRESENT, NEVER);
    assertThat(d.effective()).containsExactly(NEVER);
    assertThat(PullPolicyDecision.decide(List.of(), config).source()).isEqualTo(PullPolicyDecision.Source.RUNNER);
  }

  @Test
  void rejectsUnknownValuesWithTheAcceptedOnes() {
    assertThatThrownBy(() -> PullPolicy.parse("sometimes"))
        .hasMessage("unsupported pull policy: \"sometimes\"; use one of always, if-not-present, never");
    assertThatThrownBy(() -> RunnerConfig.builder().pullPolicy("invalid"))
        .hasMessage("unsupported pull_policy config: \"invalid\"; use one of always, if-not-present, never");
    assertThatThrownBy(() -> RunnerConfig.builder().allowedPullPolicies("invalid"))
        .hasMessage("unsupported allowed_pull_policies config: \"invalid\"; use one of always, if-not-present, never");
    assertThatThrownBy(() -> ServiceSpec.builder("postgres").pullPolicy("always", "Never"))
        .hasMessage("ServiceSpec.pull_policy[1]: unsupported pull policy: \"Never\"; use one of always, if-not-present, never");
  }
}
