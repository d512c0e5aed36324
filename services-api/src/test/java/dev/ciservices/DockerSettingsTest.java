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
      .groupAdd("docker", "999").oomKillDisable(true).runtime("runc")
      .cgroupParent("/ci-jobs").serviceCgroupParent("/ci-services")
      .gpus("all").serviceGpus("device=0,1").macAddress("92:d0:c6:0a:29:33").volumesFrom("cache:ro")
      .oomScoreAdjust(-500)
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
    assertThat(alpine.runtime()).isEqualTo("runc");
    assertThat(alpine.cgroupParent()).isEqualTo("/ci-services");
    // not applied to services: cap_add/cap_drop, group_add, sysctls, ulimit, oom_kill_disable, devices
    assertThat(alpine.groupAdd()).isEmpty();
    assertThat(alpine.oomKillDisable()).isFalse();
    assertThat(alpine.capAdd()).isEmpty();
    assertThat(alpine.capDrop()).isEmpty();
    assertThat(alpine.sysctls()).isEmpty();
    assertThat(alpine.ulimits()).isEmpty();
    // service_gpus, not gpus; mac_address on the service endpoint (§7.2); never volumes_from or oom_score_adjust
    assertThat(alpine.gpus()).isEqualTo("device=0,1");
    assertThat(alpine.macAddress()).isEqualTo("92:d0:c6:0a:29:33");
    assertThat(alpine.volumesFrom()).isEmpty();
    assertThat(alpine.oomScoreAdjust()).isZero();

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
    assertThat(job.usernsMode()).isEqualTo("host");
    assertThat(job.groupAdd()).containsExactly("docker", "999");
    assertThat(job.oomKillDisable()).isTrue();
    assertThat(job.runtime()).isEqualTo("runc");
    assertThat(job.cgroupParent()).isEqualTo("/ci-jobs");
    assertThat(job.gpus()).isEqualTo("all");
    assertThat(job.volumesFrom()).containsExactly("cache:ro");
    assertThat(job.oomScoreAdjust()).isEqualTo(-500);
    assertThat(job.macAddress()).isEmpty();
  }

  @Test
  void everyKeyIsSetByItsConfigTomlNameWithTheValuesTomlGives() {
    DockerSettings s = DockerSettings.builder()
        .set("volumes", List.of("/cache")).set("volumes", "/more")
        .set("tmpfs", Map.of("/ramdisk", "rw")).set("services_tmpfs", Map.of("/data", "rw,size=8m"))
        .set("memory", "1g").set("memory_swap", 2147483648L).set("memory_reservation", "512m")
        .set("cpus", "1/2").set("cpuset_cpus", "0-1,3").set("cpu_shares", 1024L)
        .set("service_memory", "256m").set("service_memory_swap", "1g").set("service_memory_reservation", "128m")
        .set("service_cpus", 2.5).set("service_cpuset_cpus", "1").set("service_cpu_shares", "256")
        .set("devices", List.of("/dev/fuse")).set("services_devices", Map.of("postgres:*", List.of("/dev/null")))
        .set("cap_add", List.of("SYS_ADMIN")).set("cap_drop", List.of("cap_net_raw"))
        .set("security_opt", List.of("seccomp=unconfined")).set("services_security_opt", List.of("no-new-privileges"))
        .set("shm_size", 300000L)
        .set("sysctls", Map.of("net.ipv4.ip_forward", "1")).set("ulimit", Map.of("rtprio", "99", "nofile", 1024L))
        .set("userns_mode", "host").set("isolation", "HyperV").set("group_add", List.of("docker"))
        .set("oom_kill_disable", true).set("runtime", "sysbox-runc")
        .set("cgroup_parent", "ci.slice").set("service_cgroup_parent", "/svc")
        .set("gpus", "2").set("service_gpus", "count=all").set("mac_address", "02:42:AC:11:00:02")
        .set("volumes_from", List.of("a")).set("volumes_from", "b:rw").set("oom_score_adjust", 1000L)
        .build();
    assertThat(s.volumes()).containsExactly("/cache", "/more");
    assertThat(s.memorySwap()).isEqualTo(2L << 30);
    assertThat(s.nanoCpus()).isEqualTo(500_000_000L);
    assertThat(s.cpusetCpus()).isEqualTo("0-1,3");
    assertThat(s.serviceNanoCpus()).isEqualTo(2_500_000_000L);
    assertThat(s.serviceCpuShares()).isEqualTo(256);
    assertThat(s.capDrop()).containsExactly("NET_RAW");
    assertThat(s.shmSize()).isEqualTo(300000L);
    assertThat(s.ulimit()).isEqualTo(Map.of("rtprio", "99", "nofile", "1024"));
    assertThat(s.isolation()).isEqualTo("hyperv");
    assertThat(s.servicesDevices()).isEqualTo(Map.of("postgres:*", List.of("/dev/null")));
    assertThat(s.oomKillDisable()).isTrue();
    assertThat(s.runtime()).isEqualTo("sysbox-runc");
    assertThat(s.cgroupParent()).isEqualTo("ci.slice");
    assertThat(s.serviceCgroupParent()).isEqualTo("/svc");
    assertThat(s.gpus()).isEqualTo("2");
    assertThat(s.serviceGpus()).isEqualTo("count=all");
    assertThat(s.macAddress()).isEqualTo("02:42:AC:11:00:02");
    assertThat(s.volumesFrom()).containsExactly("a", "b:rw");
    assertThat(s.oomScoreAdjust()).isEqualTo(1000);
    assertThat(DockerSettings.keys()).hasSize(36).contains("volumes", "ulimit", "service_cgroup_parent");
  }

  @Test
  void eachKeyRejectsABadValueNamingTheKeyTheValueAndTheFix() {
    Map<String, Object[]> bad = new java.util.LinkedHashMap<>();
    bad.put("volumes \"cache\": not a volume; use", new Object[] {"volumes", List.of("cache")});
    bad.put("tmpfs \"ramdisk\": the mount point must be an absolute path", new Object[] {"tmpfs", Map.of("ramdisk", "")});
    bad.put("memory \"lots\": invalid size; use bytes", new Object[] {"memory", "lots"});
    bad.put("memory_swap -2: must not be negative; use 0", new Object[] {"memory_swap", -2L});
    bad.put("cpus \"-1\": invalid CPUs; use a positive", new Object[] {"cpus", "-1"});
    bad.put("cpuset_cpus \"0..1\": invalid; use e.g. \"0-1\"", new Object[] {"cpuset_cpus", "0..1"});
    bad.put("service_cpuset_cpus \"all\": invalid; use e.g.", new Object[] {"service_cpuset_cpus", "all"});
    bad.put("cpu_shares \"many\": invalid; use a whole number", new Object[] {"cpu_shares", "many"});
    bad.put("devices \"fuse\": use \"/dev/host", new Object[] {"devices", List.of("fuse")});
    bad.put("cap_add \"NET ADMIN\": not a capability; e.g. \"NET_ADMIN\"", new Object[] {"cap_add", List.of("NET ADMIN")});
    bad.put("security_opt \"No New Privileges\": invalid; use name=value", new Object[] {"security_opt",
        List.of("No New Privileges")});
    bad.put("services_security_opt \"=x\": invalid; use", new Object[] {"services_security_opt", List.of("=x")});
    bad.put("shm_size \"big\": invalid size", new Object[] {"shm_size", "big"});
    bad.put("sysctls \"ip_forward\": invalid; use a kernel parameter", new Object[] {"sysctls", Map.of("ip_forward", "1")});
    bad.put("ulimit \"files\": not a limit; use one of as, core", new Object[] {"ulimit", Map.of("files", "1")});
    bad.put("ulimit nproc \"1:x\": use \"soft:hard\"", new Object[] {"ulimit", Map.of("nproc", "1:x")});
    bad.put("userns_mode \"\": invalid; use e.g. \"host\"", new Object[] {"userns_mode", ""});
    bad.put("isolation \"vm\": use default, process or hyperv", new Object[] {"isolation", "vm"});
    bad.put("group_add \"a b\": invalid; use a group name or id", new Object[] {"group_add", List.of("a b")});
    bad.put("oom_kill_disable \"yes\": not a boolean; write oom_kill_disable = true or false",
        new Object[] {"oom_kill_disable", "yes"});
    bad.put("runtime \"my runtime\": invalid; use a runtime the engine knows", new Object[] {"runtime", "my runtime"});
    bad.put("cgroup_parent \"\": invalid; use e.g.", new Object[] {"cgroup_parent", ""});
    bad.put("service_cgroup_parent \" \": invalid; use", new Object[] {"service_cgroup_parent", " "});
    bad.put("gpus \"many\": invalid; use \"all\", a count such as \"2\", or \"device=0,1\"",
        new Object[] {"gpus", "many"});
    bad.put("service_gpus \"device=\": invalid; use \"all\"", new Object[] {"service_gpus", "device="});
    bad.put("mac_address \"92:d0:c6\": invalid; use six hexadecimal pairs, e.g. \"92:d0:c6:0a:29:33\"",
        new Object[] {"mac_address", "92:d0:c6"});
    bad.put("volumes_from \"cache:rx\": invalid; use a container name with :ro or :rw, e.g. \"cache-container:ro\"",
        new Object[] {"volumes_from", List.of("cache:rx")});
    bad.put("oom_score_adjust \"1001\": out of range; use a whole number from -1000 to 1000, e.g. 500",
        new Object[] {"oom_score_adjust", 1001L});
    bad.put("oom_score_adjust \"high\": invalid; use a whole number from -1000 to 1000, e.g. 500",
        new Object[] {"oom_score_adjust", "high"});
    bad.put("memory true: not a string; write it in quotes", new Object[] {"memory", true});
    bad.put("volumes 3: not a list; write volumes = [", new Object[] {"volumes", 3L});
    bad.put("sysctls \"x\": not a table; write it as [runners.docker.sysctls]", new Object[] {"sysctls", "x"});
    bad.put("\"volume\" is not a [runners.docker] container key; use one of volumes, tmpfs", new Object[] {"volume",
        List.of()});
    bad.forEach((message, keyAndValue) -> assertThatThrownBy(() -> DockerSettings.builder()
        .set((String) keyAndValue[0], keyAndValue[1])).as(message).hasMessageStartingWith(message));
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
