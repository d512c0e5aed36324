package dev.ciservices;

import dev.ciservices.internal.Checks;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine settings of one planned container, resolved from the runner's {@code [runners.docker]}
 * keys by the rules of each container kind (a service gets {@code services_tmpfs},
 * {@code service_memory}, ...; the job container {@code tmpfs}, {@code memory}, {@code cap_add}, ...).
 * Zero or empty means "the engine's default".
 *
 * @param volumes {@code volumes} entries: {@code /host:/container[:mode]}, {@code volume:/container},
 *     or {@code /container} for an anonymous volume
 * @param tmpfs mount point to tmpfs options, e.g. {@code /var/lib/postgresql/data -> rw,size=512m}
 * @param memory memory limit in bytes
 * @param memorySwap memory plus swap limit in bytes ({@code -1}: unlimited swap)
 * @param memoryReservation memory soft limit in bytes
 * @param nanoCpus CPU quota in billionths of a CPU ({@code 1/3} gives 333333333)
 * @param cpusetCpus the CPUs allowed, e.g. {@code 0-1}
 * @param cpuShares the relative CPU weight
 * @param devices host devices, {@code /dev/host[:/dev/container[:rwm]]}
 * @param capAdd capabilities to add, e.g. {@code NET_ADMIN}
 * @param capDrop capabilities to drop
 * @param securityOpt security options, e.g. {@code no-new-privileges}
 * @param shmSize size of {@code /dev/shm} in bytes
 * @param sysctls kernel parameters, e.g. {@code net.ipv4.ip_forward -> 1}
 * @param ulimits limit name to {@code soft:hard} (or one value for both), e.g. {@code nofile -> 1024:2048}
 * @param usernsMode the user namespace mode, e.g. {@code host}
 * @param isolation the isolation technology (Windows), e.g. {@code process}
 * @param groupAdd additional groups of the container's user, e.g. {@code docker}
 * @param oomKillDisable whether the kernel's OOM killer spares the container
 * @param runtime the OCI runtime, e.g. {@code runc}
 * @param cgroupParent the parent cgroup of the container
 * @param platform the image platform, e.g. {@code linux/arm64} ({@code image:docker:platform})
 * @param gpus GPUs to request, as {@code docker run --gpus} reads them: {@code all}, a count, or {@code
 *     device=0,1}
 * @param macAddress the MAC address of the container's network endpoint
 * @param volumesFrom containers whose volumes to mount, {@code name[:ro|rw]}
 * @param oomScoreAdjust the kernel's OOM score adjustment, -1000 to 1000 (0: the default)
 */
public record ContainerSettings(List<String> volumes, Map<String, String> tmpfs, long memory, long memorySwap,
    long memoryReservation, long nanoCpus, String cpusetCpus, long cpuShares, List<String> devices,
    List<String> capAdd, List<String> capDrop, List<String> securityOpt, long shmSize, Map<String, String> sysctls,
    Map<String, String> ulimits, String usernsMode, String isolation, List<String> groupAdd, boolean oomKillDisable,
    String runtime, String cgroupParent, String platform, String gpus, String macAddress, List<String> volumesFrom,
    long oomScoreAdjust) {

  /** Nothing set: the engine's defaults. */
  public static final ContainerSettings NONE = new ContainerSettings(List.of(), Map.of(), 0, 0, 0, 0, "", 0,
      List.of(), List.of(), List.of(), List.of(), 0, Map.of(), Map.of(), "", "", List.of(), false, "", "", "", "", "", List.of(), 0);

  /** Checks and copies the values. */
  public ContainerSettings {
    volumes = Checks.copyOf("ContainerSettings.volumes", volumes);
    tmpfs = copy("ContainerSettings.tmpfs", tmpfs);
    Checks.notNull("ContainerSettings.cpusetCpus", cpusetCpus);
    devices = Checks.copyOf("ContainerSettings.devices", devices);
    capAdd = Checks.copyOf("ContainerSettings.capAdd", capAdd);
    capDrop = Checks.copyOf("ContainerSettings.capDrop", capDrop);
    securityOpt = Checks.copyOf("ContainerSettings.securityOpt", securityOpt);
    sysctls = copy("ContainerSettings.sysctls", sysctls);
    ulimits = copy("ContainerSettings.ulimits", ulimits);
    Checks.notNull("ContainerSettings.usernsMode", usernsMode);
    Checks.notNull("ContainerSettings.isolation", isolation);
    groupAdd = Checks.copyOf("ContainerSettings.groupAdd", groupAdd);
    Checks.notNull("ContainerSettings.runtime", runtime);
    Checks.notNull("ContainerSettings.cgroupParent", cgroupParent);
    Checks.notNull("ContainerSettings.platform", platform);
    Checks.notNull("ContainerSettings.gpus", gpus);
    Checks.notNull("ContainerSettings.macAddress", macAddress);
    volumesFrom = Checks.copyOf("ContainerSettings.volumesFrom", volumesFrom);
  }

  /** A copy for this image platform. */
  public ContainerSettings withPlatform(String platform) {
    return new ContainerSettings(volumes, tmpfs, memory, memorySwap, memoryReservation, nanoCpus, cpusetCpus,
        cpuShares, devices, capAdd, capDrop, securityOpt, shmSize, sysctls, ulimits, usernsMode, isolation, groupAdd,
        oomKillDisable, runtime, cgroupParent, platform, gpus, macAddress, volumesFrom, oomScoreAdjust);
  }

  private static Map<String, String> copy(String field, Map<String, String> map) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(Checks.notNull(field, map)));
  }
}
