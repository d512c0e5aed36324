package dev.ciservices.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ciservices.RunnerConfig;
import dev.ciservices.ImagePullException;
import dev.ciservices.JobPlan;
import dev.ciservices.JobPlanner;
import dev.ciservices.JobSpec;
import dev.ciservices.PullPolicy;
import dev.ciservices.RunningServices;
import dev.ciservices.ServiceSpec;
import dev.ciservices.StartOptions;
import org.junit.jupiter.api.Test;

class PullPolicyIT {
  private static final RunnerConfig ANY = RunnerConfig.builder()
      .pullPolicy(PullPolicy.IF_NOT_PRESENT).allowedPullPolicies(PullPolicy.values()).build();

  @Test
  void neverUsesTheLocalImageWithoutContactingARegistry() {
    Engines.Recorder trace = new Engines.Recorder();
    JobPlan plan = JobPlanner.plan(JobSpec.ofServices(ServiceSpec.builder("redis:7").pullPolicy("never").build()), ANY);
    try (RunningServices services = Engines.DOCKER.start(plan, StartOptions.gitlab(trace))) {
      assertThat(services.services()).hasSize(1);
    }
    assertThat(trace.lines).contains("Using effective pull policy of [never] for container redis:7")
        .noneMatch(l -> l.startsWith("Pulling docker image"));
  }

  @Test
  void neverWithAMissingImageFailsNamingItAndLeavesNothing() {
    Engines.Recorder trace = new Engines.Recorder();
    JobPlan plan = JobPlanner.plan(JobSpec.ofServices(ServiceSpec.of("redis:7"),
        ServiceSpec.builder("ci-services/not-built:1.0").pullPolicy("never").build()), ANY);
    assertThatThrownBy(() -> Engines.DOCKER.start(plan, StartOptions.gitlab(trace)))
        .isInstanceOf(ImagePullException.class)
        .hasMessage("failed to pull image \"ci-services/not-built:1.0\" with specified policies [never]: image"
            + " \"ci-services/not-built:1.0\" is not present locally and the pull policy \"never\" forbids pulling it;"
            + " build or load it first (docker build -t ci-services/not-built:1.0 ...), or allow \"if-not-present\"");
    assertThat(trace.lines).noneMatch(l -> l.startsWith("Pulling docker image"));
    assertThat(Leftover.of(plan.instanceId())).isEmpty();
  }

  @Test
  void fallsBackToTheNextPolicyWhenAPullFails() {
    Engines.Recorder trace = new Engines.Recorder();
    JobPlan plan = JobPlanner.plan(JobSpec.ofServices(
        ServiceSpec.builder("redis:7").pullPolicy("always", "if-not-present").build()), ANY);
    try (RunningServices services = Engines.DOCKER.start(plan, StartOptions.gitlab(trace))) {
      assertThat(services.services()).hasSize(1);
    }
    assertThat(trace.lines).containsSubsequence(
        "Using effective pull policy of [always if-not-present] for container redis:7",
        "Pulling docker image redis:7 ...");
    assertThat(trace.lines).anySatisfy(l -> assertThat(l)
        .startsWith("\u001b[0;33mWARNING: \u001b[0;mFailed to pull image with policy \"always\": "));
    assertThat(trace.lines).containsSubsequence("Attempt #2: Trying \"if-not-present\" pull policy",
        "Using locally found image version due to \"if-not-present\" pull policy", "Starting service redis:7...");
  }

  @Test
  void anImageSharedByTwoServicesIsFetchedOnce() {
    Engines.Recorder trace = new Engines.Recorder();
    JobPlan plan = JobPlanner.plan(JobSpec.ofServices(ServiceSpec.builder("redis:7").alias("a").build(),
        ServiceSpec.builder("redis:7").alias("b").build()), ANY);
    try (RunningServices ignored = Engines.DOCKER.start(plan, StartOptions.gitlab(trace))) {
      assertThat(trace.lines).filteredOn(l -> l.startsWith("Using effective pull policy")).hasSize(1);
    }
  }
}
