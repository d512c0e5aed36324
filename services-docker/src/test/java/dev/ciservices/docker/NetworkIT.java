package dev.ciservices.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.command.InspectContainerResponse;
import dev.ciservices.RunnerConfig;
import dev.ciservices.JobPlan;
import dev.ciservices.JobPlanner;
import dev.ciservices.JobSpec;
import dev.ciservices.NetworkMode;
import dev.ciservices.RunningServices;
import dev.ciservices.ServiceSpec;
import dev.ciservices.StartOptions;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class NetworkIT {
  private static InspectContainerResponse inspect(RunningServices services, int i) {
    return Engines.DOCKER.dockerClient().inspectContainerCmd(services.services().get(i).containerId()).exec();
  }

  @Test
  void everyHostnameIsANetworkAliasOnThePerJobNetwork() {
    JobPlan plan = JobPlanner.plan(JobSpec.ofServices(
        ServiceSpec.builder("ci-services/http-api:latest").alias("api, web").build()), Engines.LOCAL);
    try (RunningServices services = Engines.DOCKER.start(plan, StartOptions.gitlab(new Engines.Recorder()))) {
      var endpoint = inspect(services, 0).getNetworkSettings().getNetworks().get(plan.networkName().orElseThrow());
      assertThat(endpoint.getAliases()).contains("ci-services__http-api", "ci-services-http-api", "api", "web");
      assertThat(inspect(services, 0).getConfig().getLabels())
          .containsEntry("dev.ciservices.type", "service")
          .containsEntry("dev.ciservices.service", "ci-services/http-api")
          .containsEntry("dev.ciservices.job.instance", plan.instanceId())
          .containsKey("dev.ciservices.session");
    }
  }

  @Test
  void legacyLinksModeUsesTheDefaultBridgeAndCreatesNoNetwork() {
    RunnerConfig config = Engines.LOCAL.toBuilder().networkMode(NetworkMode.LEGACY_LINKS).build();
    JobPlan plan = JobPlanner.plan(JobSpec.ofServices(ServiceSpec.of("redis:7")), config);
    try (RunningServices services = Engines.DOCKER.start(plan, StartOptions.gitlab(new Engines.Recorder()))) {
      assertThat(inspect(services, 0).getHostConfig().getNetworkMode()).isEqualTo("bridge");
      assertThat(Leftover.of(plan.instanceId())).filteredOn(s -> s.startsWith("network")).isEmpty();
    }
  }

  @Test
  void servicesGetTheRunnersDnsSearchDomainsExtraHostsAndPrivilege() {
    RunnerConfig config = Engines.LOCAL.toBuilder().dns("1.1.1.1").dnsSearch("corp.example").extraHosts("db.local:10.1.2.3")
        .servicesPrivileged(true).allowedPrivilegedServices("redis*").build();
    JobPlan plan = JobPlanner.plan(JobSpec.ofServices(ServiceSpec.of("redis:7"), ServiceSpec.of("ci-services/http-api:latest")),
        config);
    try (RunningServices services = Engines.DOCKER.start(plan, StartOptions.gitlab(new Engines.Recorder()))) {
      var redis = inspect(services, 0).getHostConfig();
      assertThat(redis.getDns()).containsExactly("1.1.1.1");
      assertThat(redis.getDnsSearch()).containsExactly("corp.example");
      assertThat(Arrays.asList(redis.getExtraHosts())).containsExactly("db.local:10.1.2.3");
      assertThat(redis.getPrivileged()).isTrue();
      assertThat(inspect(services, 1).getHostConfig().getPrivileged()).isFalse();
    }
  }

  @Test
  void theBuildsVolumeIsSharedByEveryService() throws Exception {
    JobPlan plan = JobPlanner.plan(JobSpec.ofServices(
        ServiceSpec.builder("busybox:latest").alias("writer").variable("HEALTHCHECK_TCP_PORT", "7000")
            .command("sh", "-c", "echo from-writer > /builds/shared.txt; exec nc -ll -p 7000 -e echo ok").build(),
        ServiceSpec.builder("busybox:1.35").alias("reader").variable("HEALTHCHECK_TCP_PORT", "7000")
            .command("sh", "-c", "until [ -f /builds/shared.txt ]; do sleep 0.1; done; exec nc -ll -p 7000 -e cat /builds/shared.txt")
            .build()), Engines.LOCAL);
    try (RunningServices services = Engines.DOCKER.start(plan, StartOptions.gitlab(new Engines.Recorder()))) {
      Probe.Result read = Probe.run(plan.networkName().orElseThrow(), null, "sh", "-c", "nc reader 7000 </dev/null");
      assertThat(read.output()).contains("from-writer");
      Probe.Result mounted = Probe.run(plan.networkName().orElseThrow(), plan.buildsVolume(), "cat", "/builds/shared.txt");
      assertThat(mounted.output()).isEqualTo("from-writer\n");
      assertThat(services.services()).hasSize(2);
    }
  }
}
