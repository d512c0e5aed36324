package dev.ciservices;

import dev.ciservices.internal.Checks;
import dev.ciservices.internal.Glob;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The container keys of the runner's {@code [runners.docker]} section, as {@code config.toml} gives
 * them (runner-semantics.md §7.5). {@link JobPlanner} resolves them per container into
 * {@link ContainerSettings}: services get {@code volumes}, {@code services_tmpfs}, the {@code
 * service_*} resources, {@code services_devices} matching their image, {@code services_security_opt},
 * {@code shm_size}, {@code userns_mode} and {@code isolation}, but not {@code cap_add}/{@code
 * cap_drop}, {@code sysctls}, {@code ulimit} or {@code devices}; the job container gets the others.
 * Sizes and CPUs are parsed when built, so a bad value fails naming its key.
 */
public record DockerSettings(List<String> volumes, Map<String, String> tmpfs, Map<String, String> servicesTmpfs,
    long memory, long memorySwap, long memoryReservation, long nanoCpus, String cpusetCpus, long cpuShares,
    long serviceMemory, long serviceMemorySwap, long serviceMemoryReservation, long serviceNanoCpus,
    String serviceCpusetCpus, long serviceCpuShares, List<String> devices, Map<String, List<String>> servicesDevices,
    List<String> capAdd, List<String> capDrop, List<String> securityOpt, List<String> servicesSecurityOpt,
    long shmSize, Map<String, String> sysctls, Map<String, String> ulimit, String usernsMode, String isolation) {

  /** No key set. */
  public static final DockerSettings NONE = builder().build();

  private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgtp]?)i?b?", Pattern.CASE_INSENSITIVE);
  private static final Pattern ULIMIT = Pattern.compile("-?\\d+(:-?\\d+)?");

  /** Copies the values. */
  public DockerSettings {
    volumes = List.copyOf(volumes);
    tmpfs = Collections.unmodifiableMap(new LinkedHashMap<>(tmpfs));
    servicesTmpfs = Collections.unmodifiableMap(new LinkedHashMap<>(servicesTmpfs));
    devices = List.copyOf(devices);
    Map<String, List<String>> byGlob = new LinkedHashMap<>();
    servicesDevices.forEach((k, v) -> byGlob.put(k, List.copyOf(v)));
    servicesDevices = Collections.unmodifiableMap(byGlob);
    capAdd = List.copyOf(capAdd);
    capDrop = List.copyOf(capDrop);
    securityOpt = List.copyOf(securityOpt);
    servicesSecurityOpt = List.copyOf(servicesSecurityOpt);
    sysctls = Collections.unmodifiableMap(new LinkedHashMap<>(sysctls));
    ulimit = Collections.unmodifiableMap(new LinkedHashMap<>(ulimit));
    Checks.notNull("DockerSettings.cpusetCpus", cpusetCpus);
    Checks.notNull("DockerSettings.serviceCpusetCpus", serviceCpusetCpus);
    Checks.notNull("DockerSettings.usernsMode", usernsMode);
    Checks.notNull("DockerSettings.isolation", isolation);
  }

  /** A builder with nothing set. */
  public static Builder builder() {
    return new Builder();
  }

  /** What the job container gets (§7.5: the keys that are not service-only). */
  public ContainerSettings forJob() {
    return new ContainerSettings(volumes, tmpfs, memory, memorySwap, memoryReservation, nanoCpus, cpusetCpus,
        cpuShares, devices, capAdd, capDrop, securityOpt, shmSize, sysctls, ulimit, usernsMode, isolation, "");
  }

  /**
   * What a service gets: the same volumes, {@code services_tmpfs}, the {@code service_*} resources,
   * the {@code services_devices} whose glob matches its pull image name (e.g. {@code alpine:latest}),
   * {@code services_security_opt}, {@code shm_size}, {@code userns_mode} and {@code isolation}.
   */
  public ContainerSettings forService(String pullImage) {
    List<String> serviceDevices = new ArrayList<>();
    servicesDevices.forEach((glob, list) -> {
      if (Glob.compile(glob).matches(pullImage)) {
        serviceDevices.addAll(list);
      }
    });
    return new ContainerSettings(volumes, servicesTmpfs, serviceMemory, serviceMemorySwap, serviceMemoryReservation,
        serviceNanoCpus, serviceCpusetCpus, serviceCpuShares, serviceDevices, List.of(), List.of(), servicesSecurityOpt,
        shmSize, Map.of(), Map.of(), usernsMode, isolation, "");
  }

  /**
   * A size as Docker reads it: bytes, or a number with {@code k}, {@code m}, {@code g}, {@code t}
   * (powers of 1024), e.g. {@code 512m}.
   *
   * @throws IllegalArgumentException naming the key, the value and the fix
   */
  public static long parseSize(String key, String value) {
    Matcher m = SIZE.matcher(value.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(key + " \"" + value + "\": invalid size; use bytes or a number with k, m, g"
          + " or t, e.g. \"512m\"");
    }
    int power = "bkmgtp".indexOf(m.group(2).isEmpty() ? 'b' : Character.toLowerCase(m.group(2).charAt(0)));
    return new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(1024).pow(power)).longValue();
  }

  /**
   * CPUs as GitLab Runner reads {@code cpus}/{@code service_cpus}: a decimal or a fraction, in
   * billionths ({@code 1/3} gives 333333333).
   *
   * @throws IllegalArgumentException naming the key, the value and the fix
   */
  public static long parseCpus(String key, String value) {
    String v = value.trim();
    try {
      BigDecimal cpus;
      int slash = v.indexOf('/');
      if (slash >= 0) {
        cpus = new BigDecimal(v.substring(0, slash).trim())
            .divide(new BigDecimal(v.substring(slash + 1).trim()), 12, RoundingMode.DOWN);
      } else {
        cpus = new BigDecimal(v);
      }
      if (cpus.signum() <= 0) {
        throw new NumberFormatException(v);
      }
      return cpus.movePointRight(9).setScale(0, RoundingMode.DOWN).longValueExact();
    } catch (ArithmeticException | NumberFormatException e) {
      throw new IllegalArgumentException(key + " \"" + value + "\": invalid CPUs; use a positive decimal or fraction,"
          + " e.g. \"1.5\" or \"1/3\"");
    }
  }

  /** Builds {@link DockerSettings} with the keys' {@code config.toml} names. */
  public static final class Builder {
    private final List<String> volumes = new ArrayList<>();
    private final Map<String, String> tmpfs = new LinkedHashMap<>();
    private final Map<String, String> servicesTmpfs = new LinkedHashMap<>();
    private long memory;
    private long memorySwap;
    private long memoryReservation;
    private long nanoCpus;
    private String cpusetCpus = "";
    private long cpuShares;
    private long serviceMemory;
    private long serviceMemorySwap;
    private long serviceMemoryReservation;
    private long serviceNanoCpus;
    private String serviceCpusetCpus = "";
    private long serviceCpuShares;
    private final List<String> devices = new ArrayList<>();
    private final Map<String, List<String>> servicesDevices = new LinkedHashMap<>();
    private final List<String> capAdd = new ArrayList<>();
    private final List<String> capDrop = new ArrayList<>();
    private final List<String> securityOpt = new ArrayList<>();
    private final List<String> servicesSecurityOpt = new ArrayList<>();
    private long shmSize;
    private final Map<String, String> sysctls = new LinkedHashMap<>();
    private final Map<String, String> ulimit = new LinkedHashMap<>();
    private String usernsMode = "";
    private String isolation = "";

    private Builder() {}

    /** {@code volumes}: {@code /host:/container[:ro]}, {@code name:/container} or {@code /container}. */
    public Builder volumes(String... entries) {
      for (String e : entries) {
        if (e.isBlank() || !(e.startsWith("/") || e.contains(":/"))) {
          throw new IllegalArgumentException("volumes \"" + e + "\": not a volume; use \"/host:/container[:ro]\","
              + " \"name:/container\" or \"/container\"");
        }
        volumes.add(e);
      }
      return this;
    }

    /** {@code [runners.docker.tmpfs]}: a tmpfs for the job container, e.g. {@code ("/ramdisk", "rw,size=64m")}. */
    public Builder tmpfs(String mountPoint, String options) {
      tmpfs.put(absolute("tmpfs", mountPoint), options);
      return this;
    }

    /** {@code [runners.docker.services_tmpfs]}: a tmpfs for every service, e.g. a database's data folder. */
    public Builder servicesTmpfs(String mountPoint, String options) {
      servicesTmpfs.put(absolute("services_tmpfs", mountPoint), options);
      return this;
    }

    /** {@code memory}, e.g. {@code "512m"}. */
    public Builder memory(String size) {
      memory = parseSize("memory", size);
      return this;
    }

    /** {@code memory_swap}, e.g. {@code "1g"}. */
    public Builder memorySwap(String size) {
      memorySwap = parseSize("memory_swap", size);
      return this;
    }

    /** {@code memory_reservation}. */
    public Builder memoryReservation(String size) {
      memoryReservation = parseSize("memory_reservation", size);
      return this;
    }

    /** {@code cpus}, e.g. {@code "1.5"} or {@code "1/3"}. */
    public Builder cpus(String cpus) {
      nanoCpus = parseCpus("cpus", cpus);
      return this;
    }

    /** {@code cpuset_cpus}, e.g. {@code "0-1"}. */
    public Builder cpusetCpus(String cpus) {
      cpusetCpus = cpus;
      return this;
    }

    /** {@code cpu_shares}. */
    public Builder cpuShares(long shares) {
      cpuShares = positive("cpu_shares", shares);
      return this;
    }

    /** {@code service_memory}. */
    public Builder serviceMemory(String size) {
      serviceMemory = parseSize("service_memory", size);
      return this;
    }

    /** {@code service_memory_swap}. */
    public Builder serviceMemorySwap(String size) {
      serviceMemorySwap = parseSize("service_memory_swap", size);
      return this;
    }

    /** {@code service_memory_reservation}. */
    public Builder serviceMemoryReservation(String size) {
      serviceMemoryReservation = parseSize("service_memory_reservation", size);
      return this;
    }

    /** {@code service_cpus}, e.g. {@code "1/3"}. */
    public Builder serviceCpus(String cpus) {
      serviceNanoCpus = parseCpus("service_cpus", cpus);
      return this;
    }

    /** {@code service_cpuset_cpus}. */
    public Builder serviceCpusetCpus(String cpus) {
      serviceCpusetCpus = cpus;
      return this;
    }

    /** {@code service_cpu_shares}. */
    public Builder serviceCpuShares(long shares) {
      serviceCpuShares = positive("service_cpu_shares", shares);
      return this;
    }

    /** {@code devices}, for the job container: {@code /dev/host[:/dev/container[:rwm]]}. */
    public Builder devices(String... entries) {
      for (String d : entries) {
        devices.add(device("devices", d));
      }
      return this;
    }

    /**
     * {@code [runners.docker.services_devices]}: devices for the services whose pull image name (e.g.
     * {@code alpine:latest}) matches the glob.
     */
    public Builder servicesDevices(String imageGlob, String... entries) {
      try {
        Glob.compile(imageGlob);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("invalid service device image pattern: " + imageGlob + ": " + e.getMessage());
      }
      List<String> list = servicesDevices.computeIfAbsent(imageGlob, k -> new ArrayList<>());
      for (String d : entries) {
        list.add(device("services_devices", d));
      }
      return this;
    }

    /** {@code cap_add}, e.g. {@code "NET_ADMIN"}. */
    public Builder capAdd(String... capabilities) {
      capAdd.addAll(capabilities("cap_add", capabilities));
      return this;
    }

    /** {@code cap_drop}. */
    public Builder capDrop(String... capabilities) {
      capDrop.addAll(capabilities("cap_drop", capabilities));
      return this;
    }

    /** {@code security_opt}, for the job container. */
    public Builder securityOpt(String... options) {
      securityOpt.addAll(List.of(options));
      return this;
    }

    /** {@code services_security_opt}. */
    public Builder servicesSecurityOpt(String... options) {
      servicesSecurityOpt.addAll(List.of(options));
      return this;
    }

    /** {@code shm_size} in bytes (shared by the job container and the services). */
    public Builder shmSize(long bytes) {
      shmSize = positive("shm_size", bytes);
      return this;
    }

    /** {@code [runners.docker.sysctls]}, for the job container. */
    public Builder sysctl(String key, String value) {
      sysctls.put(key, value);
      return this;
    }

    /** {@code [runners.docker.ulimit]}, for the job container: e.g. {@code ("nofile", "1024:2048")}. */
    public Builder ulimit(String name, String limits) {
      if (!ULIMIT.matcher(limits.trim()).matches()) {
        throw new IllegalArgumentException("ulimit " + name + " \"" + limits + "\": use \"soft:hard\" or one number,"
            + " e.g. \"1024:2048\"");
      }
      ulimit.put(name, limits.trim());
      return this;
    }

    /** {@code userns_mode}, e.g. {@code "host"}. */
    public Builder usernsMode(String mode) {
      usernsMode = mode;
      return this;
    }

    /** {@code isolation} (Windows engines): {@code default}, {@code process} or {@code hyperv}. */
    public Builder isolation(String isolation) {
      String i = isolation.toLowerCase(Locale.ROOT);
      if (!List.of("default", "process", "hyperv").contains(i)) {
        throw new IllegalArgumentException("isolation \"" + isolation + "\": use default, process or hyperv");
      }
      this.isolation = i;
      return this;
    }

    /** The settings. */
    public DockerSettings build() {
      return new DockerSettings(volumes, tmpfs, servicesTmpfs, memory, memorySwap, memoryReservation, nanoCpus,
          cpusetCpus, cpuShares, serviceMemory, serviceMemorySwap, serviceMemoryReservation, serviceNanoCpus,
          serviceCpusetCpus, serviceCpuShares, devices, servicesDevices, capAdd, capDrop, securityOpt,
          servicesSecurityOpt, shmSize, sysctls, ulimit, usernsMode, isolation);
    }

    private static String absolute(String key, String path) {
      if (!path.startsWith("/")) {
        throw new IllegalArgumentException(key + " \"" + path + "\": the mount point must be an absolute path, e.g."
            + " \"/var/lib/postgresql/data\"");
      }
      return path;
    }

    private static String device(String key, String device) {
      if (!device.startsWith("/")) {
        throw new IllegalArgumentException(key + " \"" + device + "\": use \"/dev/host[:/dev/container[:rwm]]\","
            + " e.g. \"/dev/fuse\"");
      }
      return device;
    }

    private static List<String> capabilities(String key, String... caps) {
      List<String> out = new ArrayList<>();
      for (String c : caps) {
        String name = c.trim().toUpperCase(Locale.ROOT);
        name = name.startsWith("CAP_") ? name.substring(4) : name;
        if (!name.matches("[A-Z_]+|ALL")) {
          throw new IllegalArgumentException(key + " \"" + c + "\": not a capability; e.g. \"NET_ADMIN\"");
        }
        out.add(name);
      }
      return out;
    }

    private static long positive(String key, long value) {
      if (value < 0) {
        throw new IllegalArgumentException(key + " " + value + " must not be negative");
      }
      return value;
    }
  }
}
