package dev.ciservices.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import dev.ciservices.DockerSettings;
import dev.ciservices.JobPlan;
import dev.ciservices.JobPlanner;
import dev.ciservices.JobResult;
import dev.ciservices.JobSpec;
import dev.ciservices.RunnerConfig;
import dev.ciservices.ServiceListener;
import dev.ciservices.ServiceSpec;
import dev.ciservices.StartOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The runner's [runners.docker] container keys reach the containers they are planned for: the job
 * container sees tmpfs, cap_add, sysctls and ulimit; a service sees services_tmpfs and its
 * service_memory limit (printed into the trace with CI_DEBUG_SERVICES), and not the job's tmpfs. The
 * engine's own record of the created containers (inspect) shows the keys of each container kind:
 * group_add and security_opt on the job container (sysctls read inside it), services_security_opt on the service,
 * the volume on both (runtime is left out: Podman's default runtime is crun, and runc may be missing).
 */
class RunnerContainerSettingsIT {
  private static final Duration BOUND = Duration.ofSeconds(60);

  @Test
  void theEngineRecordsEachContainerKindsKeys() throws Exception {
    RunnerConfig runner = Engines.LOCAL.toBuilder().docker(DockerSettings.builder()
        .volumes("/shared").sysctl("net.ipv4.ip_forward", "1").groupAdd("4242").securityOpt("label=disable")
        .servicesSecurityOpt("no-new-privileges")
        .build()).build();
    JobSpec job = JobSpec.builder().image(Probe.CLIENTS).debugServices(true)
        .service(ServiceSpec.builder("busybox:latest").alias("probe").variable("HEALTHCHECK_TCP_PORT", "7000")
            .command("sh", "-c", "grep NoNewPrivs /proc/1/status; exec nc -ll -p 7000 -e echo ok").build())
        .script("grep -q ' /shared ' /proc/mounts && echo job-volume", "grep Groups /proc/1/status",
            "echo ip_forward=$(cat /proc/sys/net/ipv4/ip_forward)", "sleep 4")
        .build();
    JobPlan plan = JobPlanner.plan(job, runner);
    DockerClient docker = Engines.DOCKER.dockerClient();
    List<String> trace = new CopyOnWriteArrayList<>();
    CompletableFuture<JobResult> running = CompletableFuture.supplyAsync(
        () -> Engines.DOCKER.run(plan, StartOptions.gitlab(ServiceListener.trace(trace::add))));
    InspectContainerResponse jobContainer;
    InspectContainerResponse service;
    try {
      jobContainer = awaitRunning(docker, plan.jobContainerName(), running);
      service = docker.inspectContainerCmd(plan.services().get(0).containerName()).exec();
    } finally {
      JobResult result = running.get(BOUND.toSeconds(), TimeUnit.SECONDS);
      assertThat(result.succeeded()).as(String.join("\n", trace)).isTrue();
    }
    HostConfig jobHost = jobContainer.getHostConfig();
    HostConfig serviceHost = service.getHostConfig();
    // Podman's inspect leaves HostConfig.Sysctls out although the container has them: read from inside
    assertThat(trace).contains("ip_forward=1");
    assertThat(jobHost.getGroupAdd()).containsExactly("4242");
    assertThat(jobHost.getSecurityOpts()).containsExactly("label=disable");
    assertThat(serviceHost.getSecurityOpts()).containsExactly("no-new-privileges");
    // not for services: sysctls and group_add
    assertThat(serviceHost.getSysctls()).isNullOrEmpty();
    assertThat(serviceHost.getGroupAdd()).isNullOrEmpty();
    // the anonymous volume: declared by both containers, mounted in both
    for (InspectContainerResponse c : List.of(jobContainer, service)) {
      assertThat(c.getMounts()).as(c.getName()).anySatisfy(m -> assertThat(m.getDestination().getPath())
          .isEqualTo("/shared"));
    }
    assertThat(trace).contains("job-volume");
    assertThat(String.join("\n", trace)).containsPattern("Groups:.*4242").containsPattern("\\] \\S+Z NoNewPrivs:\\s+1");
    assertThat(Leftover.of(plan.instanceId())).isEmpty();
  }

  @Test
  void volumesFromAndOomScoreAdjustReachTheJobContainerAndMacAddressTheServicesEndpoint() throws Exception {
    DockerClient docker = Engines.DOCKER.dockerClient();
    String helper = "ci-services-it-volumes-from-" + Long.toHexString(System.nanoTime());
    String helperId = docker.createContainerCmd("busybox:latest").withName(helper).withCmd("true")
        .withVolumes(new Volume("/from-helper")).withLabels(Map.of("dev.ciservices.test-probe", "true")).exec().getId();
    String mac = "02:42:ac:11:00:42";
    try {
      RunnerConfig runner = Engines.LOCAL.toBuilder().docker(DockerSettings.builder()
          .volumesFrom(helper + ":ro").oomScoreAdjust(500).macAddress(mac).build()).build();
      JobSpec job = JobSpec.builder().image(Probe.CLIENTS).debugServices(true)
          .service(ServiceSpec.builder("busybox:latest").alias("probe").variable("HEALTHCHECK_TCP_PORT", "7000")
              .command("sh", "-c", "echo service-oom=$(cat /proc/1/oom_score_adj); ls /from-helper 2>/dev/null"
                  + " || echo no-volumes-from; exec nc -ll -p 7000 -e echo ok").build())
          .script("grep ' /from-helper ' /proc/mounts | cut -d' ' -f2,4 | cut -d, -f1",
              "echo job-oom=$(cat /proc/1/oom_score_adj)", "sleep 4")
          .build();
      JobPlan plan = JobPlanner.plan(job, runner);
      List<String> trace = new CopyOnWriteArrayList<>();
      CompletableFuture<JobResult> running = CompletableFuture.supplyAsync(
          () -> Engines.DOCKER.run(plan, StartOptions.gitlab(ServiceListener.trace(trace::add))));
      InspectContainerResponse jobContainer;
      InspectContainerResponse service;
      try {
        jobContainer = awaitRunning(docker, plan.jobContainerName(), running);
        service = docker.inspectContainerCmd(plan.services().get(0).containerName()).exec();
      } finally {
        JobResult result = running.get(BOUND.toSeconds(), TimeUnit.SECONDS);
        assertThat(result.succeeded()).as(String.join("\n", trace)).isTrue();
      }
      String text = String.join("\n", trace);
      // volumes_from (read-only) and oom_score_adjust: the job container's, never a service's
      assertThat(trace).contains("/from-helper ro", "job-oom=500");
      assertThat(jobContainer.getHostConfig().getOomScoreAdj()).isEqualTo(500);
      assertThat(text).containsPattern("\\] \\S+Z service-oom=0").containsPattern("\\] \\S+Z no-volumes-from");
      // mac_address: on the service's network endpoint from API 1.44, else GitLab Runner's warning
      String network = plan.networkName().orElseThrow();
      String[] api = Engines.DOCKER.apiVersion().split("\\.");
      if (Integer.parseInt(api[0]) > 1 || Integer.parseInt(api[1]) >= 44) {
        assertThat(service.getNetworkSettings().getNetworks().get(network).getMacAddress()).isEqualTo(mac);
      } else {
        assertThat(text).contains("WARNING: \u001b[0;m" + "mac_address is configured, but the Docker daemon's API version"
            + " is older than 1.44; it cannot be applied to this container");
        assertThat(service.getNetworkSettings().getNetworks().get(network).getMacAddress()).isNotEqualTo(mac);
      }
      assertThat(jobContainer.getNetworkSettings().getNetworks().get(network).getMacAddress()).isNotEqualTo(mac);
      assertThat(Leftover.of(plan.instanceId())).isEmpty();
    } finally {
      docker.removeContainerCmd(helperId).withRemoveVolumes(true).withForce(true).exec();
    }
  }

  private static InspectContainerResponse awaitRunning(DockerClient docker, String name,
      CompletableFuture<JobResult> running) throws InterruptedException {
    long deadline = System.nanoTime() + BOUND.toNanos();
    while (System.nanoTime() < deadline) {
      assertThat(running).as("the job ended before its container could be inspected").isNotDone();
      try {
        InspectContainerResponse inspected = docker.inspectContainerCmd(name).exec();
        if (Boolean.TRUE.equals(inspected.getState().getRunning())) {
          return inspected;
        }
      } catch (NotFoundException e) {
        // not created yet
      }
      Thread.sleep(50);
    }
    throw new AssertionError("job container " + name + " was not running within " + BOUND);
  }

  @Test
  void jobAndServiceContainersGetTheirOwnSettings() {
    RunnerConfig runner = Engines.LOCAL.toBuilder().docker(DockerSettings.builder()
        .tmpfs("/ramdisk", "rw,size=16m").servicesTmpfs("/data", "rw,size=8m")
        .serviceMemory("96m").capAdd("NET_ADMIN").sysctl("net.ipv4.ip_forward", "1").ulimit("nofile", "1000:2000")
        // Podman drops containers.conf's default_ulimits once a container names its own: without nproc
        // it sets its default, above what this machine allows ("error setting rlimit type 6")
        .ulimit("nproc", "32768:32768")
        .build()).build();
    String limit = "cat /sys/fs/cgroup/memory.max 2>/dev/null || cat /sys/fs/cgroup/memory/memory.limit_in_bytes";
    JobSpec job = JobSpec.builder().image(Probe.CLIENTS).debugServices(true)
        .service(ServiceSpec.builder("busybox:latest").alias("probe").variable("HEALTHCHECK_TCP_PORT", "7000")
            .command("sh", "-c", "grep -q ' /data tmpfs ' /proc/mounts && echo service-tmpfs;"
                + " grep -q ' /ramdisk ' /proc/mounts || echo no-job-tmpfs; echo memory=$(" + limit + ");"
                + " exec nc -ll -p 7000 -e echo ok")
            .build())
        .script("grep ' /ramdisk tmpfs ' /proc/mounts | cut -d' ' -f2-3",
            "ip link set lo mtu 1400 && echo net-admin",
            "cat /proc/sys/net/ipv4/ip_forward",
            // the container's own soft limit (its first process): Podman's exec gives the exec'd shell
            // the hard limit, so `ulimit -n` there prints 2000 (seen in CI) although the container has 1000
            "grep 'Max open files' /proc/1/limits | tr -s ' ' | cut -d' ' -f4")
        .build();
    JobPlan plan = JobPlanner.plan(job, runner);
    List<String> trace = new CopyOnWriteArrayList<>();
    JobResult result = Engines.DOCKER.run(plan, StartOptions.gitlab(ServiceListener.trace(trace::add)));
    String text = String.join("\n", trace);
    assertThat(result.succeeded()).as(text).isTrue();
    assertThat(trace).contains("/ramdisk tmpfs", "net-admin", "1", "1000");
    // service lines come timestamped: [service:busybox-probe] 2026-12-02T00:43:34.013560728Z service-tmpfs
    assertThat(text).containsPattern("\\] \\S+Z service-tmpfs").containsPattern("\\] \\S+Z no-job-tmpfs")
        .containsPattern("\\] \\S+Z memory=" + 96 * 1024 * 1024);
    assertThat(Leftover.of(plan.instanceId())).isEmpty();
  }
}
