package dev.ciservices.docker.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Device;
import com.github.dockerjava.api.model.DeviceRequest;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Isolation;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.RestartPolicy;
import com.github.dockerjava.api.model.Ulimit;
import com.github.dockerjava.api.model.Volume;
import com.github.dockerjava.api.model.VolumesFrom;
import dev.ciservices.ContainerPlan;
import dev.ciservices.ContainerSettings;
import dev.ciservices.ServiceLink;
import dev.ciservices.Variable;
import dev.ciservices.VolumeMount;
import dev.ciservices.internal.Masker;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One Docker container to create, in Docker's own terms: the single description that both the
 * backend ({@link #create}) and the printed {@code docker run} commands ({@link #dockerRun}) are made
 * from, so that the commands reproduce exactly what runs. Built from a {@link ContainerPlan} and the
 * backend's publishing settings; decides nothing else.
 *
 * @param plan the planned container
 * @param command the command to run (the plan's, or the backend's keep-alive for the job container)
 * @param publishedPorts the container ports to publish
 * @param publishAddress the host address published ports are bound to
 * @param publishAll publish every exposed port (readiness through published ports)
 */
public record ContainerRequest(ContainerPlan plan, List<String> command, List<Integer> publishedPorts,
    String publishAddress, boolean publishAll) {
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");
  /** Where the commands a person runs publish ports: this machine only. */
  public static final String LOCAL_PUBLISH_ADDRESS = "127.0.0.1";

  /** Copies the lists. */
  public ContainerRequest {
    command = List.copyOf(command);
    publishedPorts = List.copyOf(publishedPorts);
  }

  /** The planned container with its own command and published ports, bound to this machine. */
  public static ContainerRequest of(ContainerPlan plan) {
    return new ContainerRequest(plan, plan.command(), plan.publishedPorts(), LOCAL_PUBLISH_ADDRESS, false);
  }

  /** A copy that runs another command. */
  public ContainerRequest withCommand(List<String> command) {
    return new ContainerRequest(plan, command, publishedPorts, publishAddress, publishAll);
  }

  /** A copy that publishes these ports on this address (and every exposed port when {@code publishAll}). */
  public ContainerRequest publishing(List<Integer> ports, String address, boolean all) {
    return new ContainerRequest(plan, ports, address, all);
  }

  private ContainerRequest(ContainerPlan plan, List<Integer> ports, String address, boolean all) {
    this(plan, plan.command(), ports, address, all);
  }

  /**
   * The engine call that creates the container.
   *
   * @param ownerLabels the backend's own labels, added to the plan's
   * @param linkedHosts {@code host:ip} entries that emulate the plan's links on the default bridge
   */
  public CreateContainerCmd create(DockerClient docker, Map<String, String> ownerLabels, List<String> linkedHosts) {
    Map<String, String> labels = new LinkedHashMap<>(plan.labels());
    labels.putAll(ownerLabels);
    List<String> extraHosts = new ArrayList<>(plan.network().extraHosts());
    extraHosts.addAll(linkedHosts);
    Ports bindings = new Ports();
    List<ExposedPort> exposed = new ArrayList<>();
    // a container that joins another's namespace publishes nothing: Docker refuses it, the owner publishes
    boolean joins = plan.network().joinsNamespace();
    for (int port : joins ? List.<Integer>of() : publishedPorts) {
      ExposedPort e = ExposedPort.tcp(port);
      exposed.add(e);
      bindings.bind(e, Ports.Binding.bindIp(publishAddress));
    }
    List<Bind> binds = new ArrayList<>(plan.mounts().stream().map(m -> new Bind(m.volume(), new Volume(m.target())))
        .toList());
    List<Volume> anonymous = new ArrayList<>();
    for (String v : plan.settings().volumes()) {
      if (v.contains(":")) {
        binds.add(Bind.parse(v));
      } else {
        anonymous.add(new Volume(v));
      }
    }
    HostConfig host = HostConfig.newHostConfig()
        .withBinds(binds)
        .withPublishAllPorts(publishAll && !joins)
        .withPrivileged(plan.privileged())
        .withNetworkMode(plan.network().network())
        .withRestartPolicy(RestartPolicy.noRestart())
        .withPortBindings(bindings);
    if (!plan.network().dns().isEmpty()) {
      host.withDns(plan.network().dns());
    }
    if (!plan.network().dnsSearch().isEmpty()) {
      host.withDnsSearch(plan.network().dnsSearch());
    }
    if (!extraHosts.isEmpty()) {
      host.withExtraHosts(extraHosts.toArray(String[]::new));
    }
    applySettings(host, plan.settings());
    CreateContainerCmd create = docker.createContainerCmd(plan.image())
        .withName(plan.name())
        .withEnv(plan.environmentEntries())
        .withLabels(labels)
        .withHostConfig(host);
    if (!exposed.isEmpty()) {
      create.withExposedPorts(exposed);
    }
    if (!plan.entrypoint().isEmpty()) {
      create.withEntrypoint(plan.entrypoint());
    }
    if (!command.isEmpty()) {
      create.withCmd(command);
    }
    if (!anonymous.isEmpty()) {
      create.withVolumes(anonymous);
    }
    if (!plan.settings().platform().isEmpty()) {
      create.withPlatform(plan.settings().platform());
    }
    if (!plan.settings().macAddress().isEmpty() && !joins) {
      // the container's MacAddress: from API 1.44 (and up to this client's 1.47) the engine puts it on the
      // endpoint of the container's network, where GitLab Runner sets it (§7.2); ServicesRun clears it below
      create.withMacAddress(plan.settings().macAddress());
    }
    plan.runAs().ifPresent(create::withUser);
    plan.workDir().ifPresent(create::withWorkingDir);
    if (!plan.network().aliases().isEmpty()) {
      create.withAliases(plan.network().aliases());
    }
    return create;
  }

  /** The runner's container settings (volumes aside) in Docker's host configuration. */
  private static void applySettings(HostConfig host, ContainerSettings s) {
    if (!s.tmpfs().isEmpty()) {
      host.withTmpFs(s.tmpfs());
    }
    if (s.memory() != 0) {
      host.withMemory(s.memory());
    }
    if (s.memorySwap() != 0) {
      host.withMemorySwap(s.memorySwap());
    }
    if (s.memoryReservation() != 0) {
      host.withMemoryReservation(s.memoryReservation());
    }
    if (s.nanoCpus() != 0) {
      host.withNanoCPUs(s.nanoCpus());
    }
    if (!s.cpusetCpus().isEmpty()) {
      host.withCpusetCpus(s.cpusetCpus());
    }
    if (s.cpuShares() != 0) {
      host.withCpuShares((int) s.cpuShares());
    }
    if (!s.devices().isEmpty()) {
      host.withDevices(s.devices().stream().map(ContainerRequest::device).toList());
    }
    if (!s.capAdd().isEmpty()) {
      host.withCapAdd(s.capAdd().stream().map(ContainerRequest::capability).toArray(Capability[]::new));
    }
    if (!s.capDrop().isEmpty()) {
      host.withCapDrop(s.capDrop().stream().map(ContainerRequest::capability).toArray(Capability[]::new));
    }
    if (!s.securityOpt().isEmpty()) {
      host.withSecurityOpts(s.securityOpt().stream().map(ContainerRequest::inlineSeccomp).toList());
    }
    if (s.shmSize() != 0) {
      host.withShmSize(s.shmSize());
    }
    if (!s.sysctls().isEmpty()) {
      host.withSysctls(s.sysctls());
    }
    if (!s.ulimits().isEmpty()) {
      List<Ulimit> ulimits = new ArrayList<>();
      s.ulimits().forEach((name, limits) -> {
        String[] parts = limits.split(":");
        long soft = Long.parseLong(parts[0]);
        ulimits.add(new Ulimit(name, soft, parts.length > 1 ? Long.parseLong(parts[1]) : soft));
      });
      host.withUlimits(ulimits);
    }
    if (!s.usernsMode().isEmpty()) {
      host.withUsernsMode(s.usernsMode());
    }
    if (!s.isolation().isEmpty()) {
      host.withIsolation(Isolation.fromValue(s.isolation()));
    }
    if (!s.groupAdd().isEmpty()) {
      host.withGroupAdd(s.groupAdd());
    }
    if (s.oomKillDisable()) {
      host.withOomKillDisable(true);
    }
    if (!s.runtime().isEmpty()) {
      host.withRuntime(s.runtime());
    }
    if (!s.cgroupParent().isEmpty()) {
      host.withCgroupParent(s.cgroupParent());
    }
    if (!s.gpus().isEmpty()) {
      host.withDeviceRequests(List.of(gpus(s.gpus())));
    }
    if (!s.volumesFrom().isEmpty()) {
      host.withVolumesFrom(s.volumesFrom().stream().map(VolumesFrom::parse).toList());
    }
    if (s.oomScoreAdjust() != 0) {
      host.withOomScoreAdj((int) s.oomScoreAdjust());
    }
  }

  /**
   * {@code gpus} as {@code docker run --gpus} reads it: {@code all} (count -1), a count, {@code
   * count=<n|all>} or {@code device=<id>,...}; always the {@code gpu} capability.
   */
  public static DeviceRequest gpus(String gpus) {
    DeviceRequest request = new DeviceRequest().withCapabilities(List.of(List.of("gpu")));
    if (gpus.startsWith("device=")) {
      return request.withDeviceIds(List.of(gpus.substring("device=".length()).split(",")));
    }
    String count = gpus.startsWith("count=") ? gpus.substring("count=".length()) : gpus;
    return request.withCount(count.equals("all") ? -1 : Integer.parseInt(count));
  }

  /**
   * A {@code seccomp=<file>} option with the file's JSON in place of its path, as GitLab Runner and
   * {@code docker run} send it: the engine reads a profile, not a path of the client's machine.
   */
  static String inlineSeccomp(String option) {
    if (!option.startsWith("seccomp=") && !option.startsWith("seccomp:")) {
      return option;
    }
    String value = option.substring("seccomp=".length());
    if (value.equals("unconfined") || value.startsWith("{")) {
      return option;
    }
    try {
      return "seccomp=" + java.nio.file.Files.readString(java.nio.file.Path.of(value));
    } catch (java.io.IOException | java.nio.file.InvalidPathException e) {
      throw new IllegalArgumentException("security_opt \"" + option + "\": cannot read the seccomp profile (" + e
          + "); use a readable JSON file or seccomp=unconfined", e);
    }
  }

  /** {@code /dev/host[:/dev/container[:rwm]]}, as docker run's --device reads it. */
  private static Device device(String spec) {
    String[] p = spec.split(":");
    return new Device(p.length > 2 ? p[2] : "rwm", p.length > 1 ? p[1] : p[0], p[0]);
  }

  private static Capability capability(String name) {
    try {
      return Capability.valueOf(name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("capability \"" + name + "\" is unknown to this Docker client; e.g. NET_ADMIN");
    }
  }

  /** The runner's container settings as {@code docker run} options. */
  private static void renderSettings(StringBuilder c, ContainerSettings s, boolean joins) {
    s.volumes().forEach(v -> c.append(" -v ").append(quote(v)));
    s.tmpfs().forEach((path, options) -> c.append(" --tmpfs ").append(quote(options.isEmpty() ? path
        : path + ":" + options)));
    if (s.memory() != 0) {
      c.append(" --memory ").append(s.memory());
    }
    if (s.memorySwap() != 0) {
      c.append(" --memory-swap ").append(s.memorySwap());
    }
    if (s.memoryReservation() != 0) {
      c.append(" --memory-reservation ").append(s.memoryReservation());
    }
    if (s.nanoCpus() != 0) {
      c.append(" --cpus ").append(java.math.BigDecimal.valueOf(s.nanoCpus(), 9).stripTrailingZeros().toPlainString());
    }
    if (!s.cpusetCpus().isEmpty()) {
      c.append(" --cpuset-cpus ").append(quote(s.cpusetCpus()));
    }
    if (s.cpuShares() != 0) {
      c.append(" --cpu-shares ").append(s.cpuShares());
    }
    s.devices().forEach(d -> c.append(" --device ").append(quote(d)));
    s.capAdd().forEach(x -> c.append(" --cap-add ").append(x));
    s.capDrop().forEach(x -> c.append(" --cap-drop ").append(x));
    s.securityOpt().forEach(x -> c.append(" --security-opt ").append(quote(x)));
    if (s.shmSize() != 0) {
      c.append(" --shm-size ").append(s.shmSize());
    }
    s.sysctls().forEach((k, v) -> c.append(" --sysctl ").append(quote(k + "=" + v)));
    s.ulimits().forEach((k, v) -> c.append(" --ulimit ").append(quote(k + "=" + v)));
    if (!s.usernsMode().isEmpty()) {
      c.append(" --userns ").append(quote(s.usernsMode()));
    }
    if (!s.isolation().isEmpty()) {
      c.append(" --isolation ").append(s.isolation());
    }
    s.groupAdd().forEach(g -> c.append(" --group-add ").append(quote(g)));
    if (s.oomKillDisable()) {
      c.append(" --oom-kill-disable");
    }
    if (!s.runtime().isEmpty()) {
      c.append(" --runtime ").append(quote(s.runtime()));
    }
    if (!s.cgroupParent().isEmpty()) {
      c.append(" --cgroup-parent ").append(quote(s.cgroupParent()));
    }
    if (!s.platform().isEmpty()) {
      c.append(" --platform ").append(quote(s.platform()));
    }
    if (!s.gpus().isEmpty()) {
      // docker run reads --gpus as CSV: a device list with commas is one quoted field
      c.append(" --gpus ").append(quote(s.gpus().contains(",") ? "\"" + s.gpus() + "\"" : s.gpus()));
    }
    if (!s.macAddress().isEmpty() && !joins) {
      c.append(" --mac-address ").append(s.macAddress());
    }
    s.volumesFrom().forEach(v -> c.append(" --volumes-from ").append(quote(v)));
    if (s.oomScoreAdjust() != 0) {
      c.append(" --oom-score-adj ").append(s.oomScoreAdjust());
    }
  }

  /**
   * The {@code docker run} command that creates the same container: every setting of {@link #create}
   * (the backend's own labels aside), masked variables passed by name only ({@code -e TOKEN}).
   *
   * @param flags what goes right after {@code docker run}, e.g. {@code -d}
   */
  public String dockerRun(String flags) {
    return dockerRun(flags, Masker.NONE);
  }

  /**
   * The {@code docker run} command, masked: variables that are masked or whose value holds a masked
   * value are passed by name only, and the whole command passes the masker.
   */
  public String dockerRun(String flags, Masker masker) {
    StringBuilder c = new StringBuilder("docker run ").append(flags).append(" --name ").append(plan.name());
    c.append(" --network ").append(plan.network().network());
    plan.network().aliases().forEach(a -> c.append(" --network-alias ").append(quote(a)));
    for (ServiceLink link : plan.network().links()) {
      c.append(" --link ").append(link.container()).append(':').append(quote(link.hostname()));
    }
    for (VolumeMount m : plan.mounts()) {
      c.append(" -v ").append(m.volume()).append(':').append(m.target());
    }
    plan.network().dns().forEach(d -> c.append(" --dns ").append(d));
    plan.network().dnsSearch().forEach(d -> c.append(" --dns-search ").append(d));
    plan.network().extraHosts().forEach(h -> c.append(" --add-host ").append(quote(h)));
    if (plan.privileged()) {
      c.append(" --privileged");
    }
    renderSettings(c, plan.settings(), plan.network().joinsNamespace());
    plan.runAs().ifPresent(u -> c.append(" -u ").append(quote(u)));
    plan.workDir().ifPresent(w -> c.append(" -w ").append(quote(w)));
    if (publishAll && !plan.network().joinsNamespace()) {
      c.append(" -P");
    }
    if (!plan.network().joinsNamespace()) {
      publishedPorts.forEach(p -> c.append(" -p ").append(publishAddress).append("::").append(p));
    }
    plan.environment().forEach(v -> c.append(env(v, masker)));
    if (!plan.entrypoint().isEmpty()) {
      // docker run takes one entrypoint word; the others go first in the command, as the engine runs them
      c.append(" --entrypoint ").append(quote(plan.entrypoint().get(0)));
    }
    c.append(' ').append(quote(plan.image()));
    plan.entrypoint().stream().skip(1).forEach(w -> c.append(' ').append(quote(w)));
    command.forEach(w -> c.append(' ').append(quote(w)));
    return masker.mask(c.toString());
  }

  private static String env(Variable v, Masker masker) {
    return v.masked() || masker.reveals(v.value()) ? " -e " + v.key() : " -e " + quote(v.key() + "=" + v.value());
  }

  /** The word as a POSIX shell reads it back. */
  public static String quote(String word) {
    return SAFE.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
  }
}
