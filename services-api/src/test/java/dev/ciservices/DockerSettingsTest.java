package dev.ciservices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The [runners.docker] container keys, planned per container as runner-semantics.md §7.5 gives them. */
class DockerSettingsTest {
  private static final DockerSettings DOCKER = DockerSettings.builder()
      .volumes("/cache", "/srv/certs:/certs:ro")
      .tmpfs("/ramdisk", "rw,size=64m")
      .servicesTmpfs("/var/lib/postgresql/data", "rw,noexec")
      .memory("1g").serviceMemory("512m").serviceMemorySwap("1g").serviceMemoryReservation("256m")
      .cpus("1.5").serviceCpus("1/3").serviceCpusetCpus("0").serviceCpuShares(512)
      .devices("/dev/fuse").servicesDevices("alpine:*", "/dev/null:/dev/alpine-null:r")
      .capAdd("net_admin").capDrop("CAP_MKNOD")
      .securityOpt("no-new-privileges").servicesSecurityOpt("label=disable")
      .shmSize(128L * 1024 * 1024).sysctl("net.ipv4.ip_forward", "1").ulimit("nofile", "1024:2048")
      .usernsMode("host").isolation("process")
      .build();

  private static JobPlan plan() {
    JobSpec job = JobSpec.builder().image(ImageSpec.of("ruby:3.3").withPlatform("linux/arm64"))
        .service(ServiceSpec.of("alpine"))
        .service(ServiceSpec.builder("postgres:16").user("postgres").platform("linux/amd64").build())
        .build();
    return JobPlanner.plan(job, RunnerConfig.builder().docker(DOCKER).build(), "0123456789abcdef");
  }

  @Test
  void servicesGetServiceKeysAndTheSharedOnesButNotTheJobContainersOwn() {
    ContainerSettings alpine = plan().services().get(0).container().settings();
    assertThat(alpine.volumes()).containsExactly("/cache", "/srv/certs:/certs:ro");
    assertThat(alpine.tmpfs()).isEqualTo(Map.of("/var/lib/postgresql/data", "rw,noexec"));
    assertThat(alpine.memory()).isEqualTo(512L * 1024 * 1024);
    assertThat(alpine.memorySwap()).isEqualTo(1024L * 1024 * 1024);
    assertThat(alpine.memoryReservation()).isEqualTo(256L * 1024 * 1024);
    assertThat(alpine.nanoCpus()).isEqualTo(333_333_333L);
    assertThat(alpine.cpusetCpus()).isEqualTo("0");
    assertThat(alpine.cpuShares()).isEqualTo(512);
    // services_devices match the pull image name: alpine:latest, not alpine
    assertThat(alpine.devices()).containsExactly("/dev/null:/dev/alpine-null:r");
    assertThat(alpine.securityOpt()).containsExactly("label=disable");
    assertThat(alpine.shmSize()).isEqualTo(128L * 1024 * 1024);
    assertThat(alpine.usernsMode()).isEqualTo("host");
    assertThat(alpine.isolation()).isEqualTo("process");
    // not applied to services: cap_add/cap_drop, sysctls, ulimit, devices
    assertThat(alpine.capAdd()).isEmpty();
    assertThat(alpine.capDrop()).isEmpty();
    assertThat(alpine.sysctls()).isEmpty();
    assertThat(alpine.ulimits()).isEmpty();

    ServicePlan postgres = plan().services().get(1);
    assertThat(postgres.container().settings().devices()).isEmpty();
    assertThat(postgres.container().user()).isEqualTo("postgres");
    assertThat(postgres.container().settings().platform()).isEqualTo("linux/amd64");
  }

  @Test
  void theJobContainerGetsTheJobKeys() {
    ContainerSettings job = plan().jobContainer().orElseThrow().settings();
    assertThat(job.volumes()).containsExactly("/cache", "/srv/certs:/certs:ro");
    assertThat(job.tmpfs()).isEqualTo(Map.of("/ramdisk", "rw,size=64m"));
    assertThat(job.memory()).isEqualTo(1024L * 1024 * 1024);
    assertThat(job.nanoCpus()).isEqualTo(1_500_000_000L);
    assertThat(job.devices()).containsExactly("/dev/fuse");
    assertThat(job.capAdd()).containsExactly("NET_ADMIN");
    assertThat(job.capDrop()).containsExactly("MKNOD");
    assertThat(job.securityOpt()).containsExactly("no-new-privileges");
    assertThat(job.sysctls()).isEqualTo(Map.of("net.ipv4.ip_forward", "1"));
    assertThat(job.ulimits()).isEqualTo(Map.of("nofile", "1024:2048"));
    assertThat(job.platform()).isEqualTo("linux/arm64");
  }

  @Test
  void badValuesNameTheKeyTheValueAndTheFix() {
    assertThatThrownBy(() -> DockerSettings.builder().serviceMemory("lots"))
        .hasMessage("service_memory \"lots\": invalid size; use bytes or a number with k, m, g or t, e.g. \"512m\"");
    assertThatThrownBy(() -> DockerSettings.builder().serviceCpus("1/0"))
        .hasMessage("service_cpus \"1/0\": invalid CPUs; use a positive decimal or fraction, e.g. \"1.5\" or \"1/3\"");
    assertThatThrownBy(() -> DockerSettings.builder().servicesDevices("[alpine", "/dev/fuse"))
        .hasMessageStartingWith("invalid service device image pattern: [alpine: ");
    assertThatThrownBy(() -> DockerSettings.builder().servicesTmpfs("data", "rw"))
        .hasMessage("services_tmpfs \"data\": the mount point must be an absolute path, e.g. \"/var/lib/postgresql/data\"");
    assertThatThrownBy(() -> DockerSettings.builder().ulimit("nofile", "many"))
        .hasMessage("ulimit nofile \"many\": use \"soft:hard\" or one number, e.g. \"1024:2048\"");
    assertThatThrownBy(() -> ServiceSpec.builder("postgres:16").platform("arm64"))
        .hasMessage("ServiceSpec.docker.platform \"arm64\" is not os/arch[/variant]; e.g. \"linux/amd64\"");
    assertThat(List.of(DockerSettings.parseSize("k", "100"), DockerSettings.parseSize("k", "2k"),
        DockerSettings.parseSize("k", "1.5g"))).containsExactly(100L, 2048L, 1610612736L);
  }
}
