package dev.ciservices.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciservices.ImageSpec;
import dev.ciservices.RunnerConfig;
import dev.ciservices.JobPlan;
import dev.ciservices.JobPlanner;
import dev.ciservices.JobSpec;
import dev.ciservices.ServiceSpec;
import dev.ciservices.Variable;
import com.github.dockerjava.api.model.DeviceRequest;
import dev.ciservices.docker.internal.ContainerRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

class DockerCommandsTest {
  private static final String ID = "0123456789abcdef";

  @Test
  void rendersTheRunnersContainerSettingsPerContainer() {
    RunnerConfig runner = RunnerConfig.builder().docker(dev.ciservices.DockerSettings.builder()
        .servicesTmpfs("/var/lib/postgresql/data", "rw").tmpfs("/ramdisk", "").serviceMemory("512m")
        .serviceCpus("1/2").capAdd("NET_ADMIN").shmSize(67108864).sysctl("net.ipv4.ip_forward", "1")
        .ulimit("nofile", "1024:2048").volumes("/cache").groupAdd("docker").oomKillDisable(true).runtime("runc")
        .cgroupParent("/ci").serviceCgroupParent("/svc").build()).build();
    JobSpec job = JobSpec.builder().image("ruby:3.3")
        .service(ServiceSpec.builder("postgres:16").user("postgres").build()).build();
    List<String> commands = DockerCommands.of(JobPlanner.plan(job, runner, ID));
    assertThat(commands.get(2)).contains(" -v /cache --tmpfs /var/lib/postgresql/data:rw --memory 536870912"
        + " --cpus 0.5 --shm-size 67108864 --runtime runc --cgroup-parent /svc -u postgres ")
        .doesNotContain("--cap-add", "--sysctl", "--ulimit", "--group-add", "--oom-kill-disable");
    assertThat(commands.get(3)).contains(" -v /cache --tmpfs /ramdisk --cap-add NET_ADMIN --shm-size 67108864"
        + " --sysctl net.ipv4.ip_forward=1 --ulimit nofile=1024:2048 --group-add docker --oom-kill-disable"
        + " --runtime runc --cgroup-parent /ci").doesNotContain("--memory");
  }

  @Test
  void rendersGpusMacAddressVolumesFromAndOomScoreAdjustForTheContainersTheRunnerGivesThemTo() {
    RunnerConfig runner = RunnerConfig.builder().docker(dev.ciservices.DockerSettings.builder()
        .gpus("all").serviceGpus("device=0,1").macAddress("92:d0:c6:0a:29:33").volumesFrom("cache:ro")
        .oomScoreAdjust(-500).build()).build();
    JobSpec job = JobSpec.builder().image("ruby:3.3").service(ServiceSpec.of("postgres:16")).build();
    List<String> commands = DockerCommands.of(JobPlanner.plan(job, runner, ID));
    assertThat(commands.get(2)).contains(" --gpus '\"device=0,1\"' --mac-address 92:d0:c6:0a:29:33 ")
        .doesNotContain("--volumes-from", "--oom-score-adj");
    assertThat(commands.get(3)).contains(" --gpus all --volumes-from cache:ro --oom-score-adj -500 ")
        .doesNotContain("--mac-address");
  }

  @Test
  void gpusBecomeTheDeviceRequestDockerRunSends() {
    assertThat(ContainerRequest.gpus("all")).isEqualTo(new DeviceRequest().withCount(-1)
        .withCapabilities(List.of(List.of("gpu"))));
    assertThat(ContainerRequest.gpus("2")).isEqualTo(new DeviceRequest().withCount(2)
        .withCapabilities(List.of(List.of("gpu"))));
    assertThat(ContainerRequest.gpus("count=all").getCount()).isEqualTo(-1);
    assertThat(ContainerRequest.gpus("device=0,GPU-3a2b")).isEqualTo(new DeviceRequest()
        .withDeviceIds(List.of("0", "GPU-3a2b")).withCapabilities(List.of(List.of("gpu"))));
  }

  @Test
  void reproducesTheJobByHandWithoutShowingMaskedValues() {
    JobSpec job = JobSpec.builder().image("ruby:3.3")
        .service(ServiceSpec.builder("postgres:16").alias("db").command("postgres", "-c", "fsync=off").build())
        .variable("POSTGRES_PASSWORD", "it's secret")
        .variable(Variable.of("API_TOKEN", "glpat-abcdefgh").withMasked(true))
        .build();
    JobPlan plan = JobPlanner.plan(job, RunnerConfig.defaults(), ID);
    List<String> commands = DockerCommands.of(plan);
    String prefix = "runner-local-project-0-concurrent-0-" + ID;
    assertThat(commands.get(0)).startsWith("docker network create --label dev.ciservices.managed=true")
        .endsWith(" runner-local-0-0-0-" + ID);
    assertThat(commands.get(2)).startsWith("docker run -d --name " + prefix + "-postgres-0 --network runner-local-0-0-0-" + ID
        + " --network-alias postgres --network-alias db -v " + prefix + "-builds:/builds")
        .contains(" -e 'POSTGRES_PASSWORD=it'\\''s secret'", " -e API_TOKEN ")
        .endsWith(" postgres:16 postgres -c fsync=off");
    assertThat(commands.get(3)).startsWith("docker run --rm -it --name " + prefix + "-build --network runner-local-0-0-0-" + ID
        + " --network-alias build").contains(" -w /builds/local/project").endsWith(" ruby:3.3 sh");
    assertThat(String.join("\n", commands)).doesNotContain("glpat-abcdefgh");
    assertThat(commands.subList(4, 7)).containsExactly("docker rm -f -v " + prefix + "-postgres-0",
        "docker network rm runner-local-0-0-0-" + ID, "docker volume rm " + prefix + "-builds");
  }

  @Test
  void inThePodModeTheNamespaceOwnerComesFirstWithTheHostsAndPortsAndEveryoneElseJoinsIt() {
    JobSpec job = JobSpec.builder().image("ruby:3.3")
        .service(ServiceSpec.builder("postgres:16").alias("db").build())
        .service(ServiceSpec.builder("redis:7").ports(6379).build()).build();
    RunnerConfig runner = RunnerConfig.builder().networkMode(dev.ciservices.NetworkMode.POD)
        .extraHosts("cache.local:10.0.0.7").build();
    List<String> commands = DockerCommands.of(JobPlanner.plan(job, runner, ID));
    String prefix = "runner-local-project-0-concurrent-0-" + ID;
    assertThat(commands.get(0)).startsWith("docker volume create ");
    assertThat(commands.get(1)).isEqualTo("docker run -d --name " + prefix + "-pod --network bridge"
        + " --add-host postgres:127.0.0.1 --add-host db:127.0.0.1 --add-host redis:127.0.0.1"
        + " --add-host cache.local:10.0.0.7 -p 127.0.0.1::6379 busybox:latest sh -c"
        + " 'trap '\\''exit 0'\\'' TERM INT; while :; do sleep 1; done'");
    assertThat(commands.get(2)).startsWith("docker run -d --name " + prefix + "-postgres-0 --network container:"
        + prefix + "-pod -v " + prefix + "-builds:/builds -e ").doesNotContain("--add-host", " -p ", "--network-alias");
    assertThat(commands.get(3)).startsWith("docker run -d --name " + prefix + "-redis-1 --network container:"
        + prefix + "-pod -v ").doesNotContain(" -p ");
    assertThat(commands.get(4)).startsWith("docker run --rm -it --name " + prefix + "-build --network container:"
        + prefix + "-pod -v ").endsWith(" ruby:3.3 sh");
    assertThat(commands.subList(5, 7)).containsExactly(
        "docker rm -f -v " + prefix + "-postgres-0 " + prefix + "-redis-1 " + prefix + "-pod",
        "docker volume rm " + prefix + "-builds");
  }

  @Test
  void passesEveryEntrypointWordOfTheJobImage() {
    JobSpec job = JobSpec.builder().image(ImageSpec.of("ruby:3.3", "/usr/bin/env", "RACK_ENV=test", "bundle exec"))
        .build();
    List<String> commands = DockerCommands.of(JobPlanner.plan(job, RunnerConfig.defaults(), ID));
    assertThat(commands.get(2)).endsWith(" --entrypoint /usr/bin/env ruby:3.3 RACK_ENV=test 'bundle exec' sh");
  }

  @Test
  void logsInToPrivateRegistriesReadingTheSecretsFromTheirVariables() {
    String auth = "{\"auths\":{\"r.example\":{\"auth\":\"dTpzM2NyZXQ=\"}}}";
    JobSpec job = JobSpec.builder().image("registry.example.com:5050/group/app:1")
        .service("r.example/db:1").service("redis:7")
        .variable("DOCKER_AUTH_CONFIG", auth)
        .variable("CI_REGISTRY", "registry.example.com:5050").variable("CI_JOB_TOKEN", "job-token-123")
        .build();
    List<String> commands = DockerCommands.of(JobPlanner.plan(job, RunnerConfig.defaults(), ID));
    assertThat(commands.subList(0, 2)).containsExactly(
        "export DOCKER_CONFIG=\"$(mktemp -d)\" && printf '%s' \"$DOCKER_AUTH_CONFIG\" >\"$DOCKER_CONFIG/config.json\"",
        "printf '%s' \"$CI_JOB_TOKEN\" | docker login -u gitlab-ci-token --password-stdin registry.example.com:5050");
    assertThat(String.join("\n", commands)).doesNotContain("job-token-123").doesNotContain("dTpzM2NyZXQ=")
        .contains(" -e DOCKER_AUTH_CONFIG ", " -e CI_JOB_TOKEN ");
  }

  @Test
  void needsNoLoginWhenNoImageMatchesTheJobsRegistry() {
    JobSpec job = JobSpec.builder().image("ruby:3.3").service("redis:7")
        .variable("CI_REGISTRY", "registry.example.com:5050").variable("CI_REGISTRY_PASSWORD", "pw").build();
    assertThat(DockerCommands.of(JobPlanner.plan(job, RunnerConfig.defaults(), ID)).get(0)).startsWith("docker network create");
  }
}
