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
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The container keys of the runner's {@code [runners.docker]} section, as {@code config.toml} gives
 * them (runner-semantics.md §7.5). {@link JobPlanner} resolves them per container into
 * {@link ContainerSettings}: services get {@code volumes}, {@code services_tmpfs}, the {@code
 * service_*} resources ({@code service_gpus} too), {@code services_devices} matching their image, {@code
 * services_security_opt}, {@code shm_size}, {@code userns_mode}, {@code isolation}, {@code runtime} and
 * {@code mac_address} (§7.2, on their network endpoint), but not {@code cap_add}/{@code cap_drop}, {@code
 * group_add}, {@code sysctls}, {@code ulimit}, {@code oom_kill_disable}, {@code oom_score_adjust}, {@code
 * devices} or {@code volumes_from}; the job container gets the others ({@code gpus}, not {@code
 * service_gpus}). Every key is read and
 * checked by one entry of a table ({@link Builder#set}), so a bad value fails naming its key, the
 * value and the fix.
 */
public record DockerSettings(List<String> volumes, Map<String, String> tmpfs, Map<String, String> servicesTmpfs,
    long memory, long memorySwap, long memoryReservation, long nanoCpus, String cpusetCpus, long cpuShares,
    long serviceMemory, long serviceMemorySwap, long serviceMemoryReservation, long serviceNanoCpus,
    String serviceCpusetCpus, long serviceCpuShares, List<String> devices, Map<String, List<String>> servicesDevices,
    List<String> capAdd, List<String> capDrop, List<String> securityOpt, List<String> servicesSecurityOpt,
    long shmSize, Map<String, String> sysctls, Map<String, String> ulimit, String usernsMode, String isolation,
    List<String> groupAdd, boolean oomKillDisable, String runtime, String cgroupParent, String serviceCgroupParent,
    String gpus, String serviceGpus, String macAddress, List<String> volumesFrom, long oomScoreAdjust) {

  /** No key set. */
  public static final DockerSettings NONE = builder().build();

  private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgtp]?)i?b?", Pattern.CASE_INSENSITIVE);
  private static final Pattern ULIMIT = Pattern.compile("-?\\d+(:-?\\d+)?");
  private static final Pattern CPUSET = Pattern.compile("\\d+(-\\d+)?(,\\d+(-\\d+)?)*");
  private static final Pattern WORD = Pattern.compile("[A-Za-z0-9_.-]+");
  private static final Pattern NO_SPACE = Pattern.compile("\\S+");
  private static final Pattern SECURITY_OPT = Pattern.compile("[a-z-]+([=:]\\S+)?");
  private static final Pattern GPUS = Pattern.compile("all|\\d+|count=(all|\\d+)|device=[A-Za-z0-9_.:-]+(,[A-Za-z0-9_.:-]+)*");
  private static final Pattern MAC = Pattern.compile("([0-9A-Fa-f]{2}:){5}[0-9A-Fa-f]{2}");
  private static final Pattern VOLUMES_FROM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*(:(ro|rw))?");
  private static final Pattern SYSCTL = Pattern.compile("[A-Za-z0-9_]+([./][A-Za-z0-9_-]+)+");
  private static final List<String> ULIMITS = List.of("as", "core", "cpu", "data", "fsize", "locks", "memlock",
      "msgqueue", "nice", "nofile", "nproc", "rss", "rtprio", "rttime", "sigpending", "stack");

  /**
   * Every key, by its {@code config.toml} name: how its value is read and checked. Lists and tables
   * add to what was set before; other values replace it.
   */
  private static final Map<String, Key> KEYS = table(
      list("volumes", DockerSettings::volume),
      map("tmpfs", DockerSettings::mountPoint, (k, v) -> v),
      map("services_tmpfs", DockerSettings::mountPoint, (k, v) -> v),
      size("memory"), size("memory_swap"), size("memory_reservation"),
      cpus("cpus"), text("cpuset_cpus", CPUSET, "e.g. \"0-1\" or \"0,2\""), count("cpu_shares"),
      size("service_memory"), size("service_memory_swap"), size("service_memory_reservation"),
      cpus("service_cpus"), text("service_cpuset_cpus", CPUSET, "e.g. \"0-1\" or \"0,2\""),
      count("service_cpu_shares"),
      list("devices", DockerSettings::device),
      new Key("services_devices", DockerSettings::servicesDevices),
      list("cap_add", DockerSettings::capability), list("cap_drop", DockerSettings::capability),
      list("security_opt", DockerSettings::securityOption), list("services_security_opt", DockerSettings::securityOption),
      size("shm_size"),
      map("sysctls", DockerSettings::sysctl, (k, v) -> v),
      map("ulimit", DockerSettings::ulimitName, DockerSettings::ulimitValue),
      text("userns_mode", NO_SPACE, "e.g. \"host\""),
      new Key("isolation", v -> isolation(string("isolation", v))),
      list("group_add", (key, g) -> matching(key, g, WORD, "a group name or id, e.g. \"docker\" or \"999\"")),
      flag("oom_kill_disable"),
      text("runtime", WORD, "a runtime the engine knows, e.g. \"runc\" or \"nvidia\""),
      text("cgroup_parent", NO_SPACE, "e.g. \"/ci-jobs\" or \"ci.slice\""),
      text("service_cgroup_parent", NO_SPACE, "e.g. \"/ci-services\" or \"ci.slice\""),
      text("gpus", GPUS, "\"all\", a count such as \"2\", or \"device=0,1\""),
      text("service_gpus", GPUS, "\"all\", a count such as \"2\", or \"device=0,1\""),
      text("mac_address", MAC, "six hexadecimal pairs, e.g. \"92:d0:c6:0a:29:33\""),
      list("volumes_from", (key, v) -> matching(key, v, VOLUMES_FROM, "a container name with :ro or :rw, e.g."
          + " \"cache-container:ro\"")),
      new Key("oom_score_adjust", DockerSettings::oomScoreAdjust));

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
    groupAdd = List.copyOf(groupAdd);
    volumesFrom = List.copyOf(volumesFrom);
    Checks.notNull("DockerSettings.gpus", gpus);
    Checks.notNull("DockerSettings.serviceGpus", serviceGpus);
    Checks.notNull("DockerSettings.macAddress", macAddress);
    Checks.notNull("DockerSettings.cpusetCpus", cpusetCpus);
    Checks.notNull("DockerSettings.serviceCpusetCpus", serviceCpusetCpus);
    Checks.notNull("DockerSettings.usernsMode", usernsMode);
    Checks.notNull("DockerSettings.isolation", isolation);
    Checks.notNull("DockerSettings.runtime", runtime);
    Checks.notNull("DockerSettings.cgroupParent", cgroupParent);
    Checks.notNull("DockerSettings.serviceCgroupParent", serviceCgroupParent);
  }

  /** A builder with nothing set. */
  public static Builder builder() {
    return new Builder();
  }

  /** The {@code [runners.docker]} keys these settings read, by their {@code config.toml} names. */
  public static Set<String> keys() {
    return KEYS.keySet();
  }

  /** What the job container gets (§7.5: the keys that are not service-only). */
  public ContainerSettings forJob() {
    return new ContainerSettings(volumes, tmpfs, memory, memorySwap, memoryReservation, nanoCpus, cpusetCpus,
        cpuShares, devices, capAdd, capDrop, securityOpt, shmSize, sysctls, ulimit, usernsMode, isolation, groupAdd,
        oomKillDisable, runtime, cgroupParent, "", gpus, "", volumesFrom, oomScoreAdjust);
  }

  /**
   * What a service gets: the same volumes, {@code services_tmpfs}, the {@code service_*} resources
   * (with {@code service_cgroup_parent}), the {@code services_devices} whose glob matches its pull
   * image name (e.g. {@code alpine:latest}), {@code services_security_opt}, {@code shm_size}, {@code
   * userns_mode}, {@code isolation}, {@code runtime}, {@code service_gpus} and {@code mac_address}.
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
        shmSize, Map.of(), Map.of(), usernsMode, isolation, List.of(), false, runtime, serviceCgroupParent, "",
        serviceGpus, macAddress, List.of(), 0);
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

  // ---- the table ----

  /** How one key reads a value as TOML gives it (a String, Number, Boolean, List or Map) into what it keeps. */
  private interface Reader {
    Object read(Object value);
  }

  /** Checks (and normalises) one element of a list or one key or value of a table. */
  private interface Check {
    String check(String key, String value);
  }

  private record Key(String name, Reader reader) {}

  private static Map<String, Key> table(Key... keys) {
    Map<String, Key> table = new LinkedHashMap<>();
    for (Key k : keys) {
      table.put(k.name(), k);
    }
    return Collections.unmodifiableMap(table);
  }

  private static Key size(String key) {
    return new Key(key, v -> v instanceof Number n ? nonNegative(key, n.longValue()) : parseSize(key, string(key, v)));
  }

  private static Key cpus(String key) {
    return new Key(key, v -> parseCpus(key, v instanceof Number ? v.toString() : string(key, v)));
  }

  private static Key count(String key) {
    return new Key(key, v -> {
      if (v instanceof Number n) {
        return nonNegative(key, n.longValue());
      }
      String s = string(key, v);
      matching(key, s, Pattern.compile("\\d+"), "a whole number, e.g. 512");
      return Long.parseLong(s);
    });
  }

  private static Key flag(String key) {
    return new Key(key, v -> {
      if (v instanceof Boolean b) {
        return b;
      }
      throw new IllegalArgumentException(key + " \"" + v + "\": not a boolean; write " + key + " = true or false");
    });
  }

  private static Key text(String key, Pattern pattern, String fix) {
    return new Key(key, v -> matching(key, string(key, v), pattern, fix));
  }

  private static Key list(String key, Check element) {
    return new Key(key, v -> {
      List<String> out = new ArrayList<>();
      for (Object e : elements(key, v)) {
        out.add(element.check(key, string(key, e)));
      }
      return out;
    });
  }

  private static Key map(String key, Check name, Check value) {
    return new Key(key, v -> {
      Map<String, String> out = new LinkedHashMap<>();
      table(key, v).forEach((k, x) -> {
        String checkedKey = name.check(key, k);
        String s = x instanceof Number || x instanceof Boolean ? x.toString() : string(key + " " + k, x);
        out.put(checkedKey, value.check(checkedKey, s));
      });
      return out;
    });
  }

  /** {@code oom_score_adjust}: a whole number from -1000 to 1000, as the kernel takes it. */
  private static long oomScoreAdjust(Object v) {
    long n;
    if (v instanceof Integer || v instanceof Long) {
      n = ((Number) v).longValue();
    } else {
      String s = string("oom_score_adjust", v).trim();
      matching("oom_score_adjust", s, Pattern.compile("-?\\d{1,4}"), "a whole number from -1000 to 1000, e.g. 500");
      n = Long.parseLong(s);
    }
    if (n < -1000 || n > 1000) {
      throw new IllegalArgumentException("oom_score_adjust \"" + v + "\": out of range; use a whole number from -1000"
          + " to 1000, e.g. 500");
    }
    return n;
  }

  private static Map<String, List<String>> servicesDevices(Object v) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    table("services_devices", v).forEach((glob, devices) -> {
      try {
        Glob.compile(glob);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("invalid service device image pattern: " + glob + ": " + e.getMessage()
            + "; use an image glob, e.g. \"alpine:*\"");
      }
      List<String> list = new ArrayList<>();
      for (Object d : elements("services_devices " + glob, devices)) {
        list.add(device("services_devices", string("services_devices", d)));
      }
      out.put(glob, list);
    });
    return out;
  }

  private static String string(String key, Object v) {
    if (v instanceof String s) {
      return s;
    }
    throw new IllegalArgumentException(key + " " + describe(v) + ": not a string; write it in quotes, e.g. "
        + key + " = \"...\"");
  }

  private static List<?> elements(String key, Object v) {
    if (v instanceof List<?> l) {
      return l;
    }
    if (v instanceof String s) {
      return List.of(s);
    }
    throw new IllegalArgumentException(key + " " + describe(v) + ": not a list; write " + key + " = [\"...\", \"...\"]");
  }

  private static Map<String, ?> table(String key, Object v) {
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, x) -> out.put(String.valueOf(k), Checks.notNull(key, x)));
      return out;
    }
    throw new IllegalArgumentException(key + " " + describe(v) + ": not a table; write it as [runners.docker." + key
        + "] with \"name\" = \"value\" lines");
  }

  private static String describe(Object v) {
    return v instanceof String ? "\"" + v + "\"" : String.valueOf(v);
  }

  private static String matching(String key, String value, Pattern pattern, String fix) {
    if (!pattern.matcher(value).matches()) {
      throw new IllegalArgumentException(key + " \"" + value + "\": invalid; use " + fix);
    }
    return value;
  }

  private static long nonNegative(String key, long value) {
    if (value < 0) {
      throw new IllegalArgumentException(key + " " + value + ": must not be negative; use 0 for the engine's default");
    }
    return value;
  }

  private static String volume(String key, String e) {
    if (e.isBlank() || !(e.startsWith("/") || e.contains(":/"))) {
      throw new IllegalArgumentException(key + " \"" + e + "\": not a volume; use \"/host:/container[:ro]\","
          + " \"name:/container\" or \"/container\"");
    }
    return e;
  }

  private static String mountPoint(String key, String path) {
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

  private static String capability(String key, String c) {
    String name = c.trim().toUpperCase(Locale.ROOT);
    name = name.startsWith("CAP_") ? name.substring(4) : name;
    if (!name.matches("[A-Z_]+")) {
      throw new IllegalArgumentException(key + " \"" + c + "\": not a capability; e.g. \"NET_ADMIN\"");
    }
    return name;
  }

  private static String securityOption(String key, String option) {
    return matching(key, option, SECURITY_OPT, "name=value or a flag, e.g. \"no-new-privileges\","
        + " \"seccomp=unconfined\" or \"label=disable\"");
  }

  private static String sysctl(String key, String name) {
    return matching(key, name, SYSCTL, "a kernel parameter, e.g. \"net.ipv4.ip_forward\" = \"1\"");
  }

  private static String ulimitName(String key, String name) {
    if (!ULIMITS.contains(name)) {
      throw new IllegalArgumentException(key + " \"" + name + "\": not a limit; use one of " + String.join(", ", ULIMITS));
    }
    return name;
  }

  private static String ulimitValue(String name, String limits) {
    if (!ULIMIT.matcher(limits.trim()).matches()) {
      throw new IllegalArgumentException("ulimit " + name + " \"" + limits + "\": use \"soft:hard\" or one number,"
          + " e.g. \"1024:2048\"");
    }
    return limits.trim();
  }

  private static String isolation(String isolation) {
    String i = isolation.toLowerCase(Locale.ROOT);
    if (!List.of("default", "process", "hyperv").contains(i)) {
      throw new IllegalArgumentException("isolation \"" + isolation + "\": use default, process or hyperv");
    }
    return i;
  }

  /** Builds {@link DockerSettings} with the keys' {@code config.toml} names. */
  public static final class Builder {
    private final Map<String, Object> values = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Sets a {@code [runners.docker]} key as {@code config.toml} writes it: the value a {@code String},
     * {@code Number}, {@code Boolean}, {@code List} or {@code Map}, as a TOML reader gives it. Lists and
     * tables ({@code volumes}, {@code [runners.docker.tmpfs]}, ...) add to what was set before.
     *
     * @throws IllegalArgumentException for a key not in {@link #keys()}, or a value naming the key, the
     *     value and the fix
     */
    @SuppressWarnings("unchecked") // the table's readers give lists and maps of strings, checked on the way in
    public Builder set(String key, Object value) {
      Key k = KEYS.get(key);
      if (k == null) {
        throw new IllegalArgumentException("\"" + key + "\" is not a [runners.docker] container key; use one of "
            + String.join(", ", KEYS.keySet()));
      }
      Object read = k.reader().read(Checks.notNull(key, value));
      Object before = values.get(key);
      if (before instanceof List<?> l) {
        List<Object> both = new ArrayList<>(l);
        both.addAll((List<Object>) read);
        read = both;
      } else if (before instanceof Map<?, ?> m) {
        Map<Object, Object> both = new LinkedHashMap<>(m);
        both.putAll((Map<Object, Object>) read);
        read = both;
      }
      values.put(key, read);
      return this;
    }

    /** {@code volumes}: {@code /host:/container[:ro]}, {@code name:/container} or {@code /container}. */
    public Builder volumes(String... entries) { return set("volumes", List.of(entries)); }

    /** {@code [runners.docker.tmpfs]}: a tmpfs for the job container, e.g. {@code ("/ramdisk", "rw,size=64m")}. */
    public Builder tmpfs(String mountPoint, String options) { return set("tmpfs", Map.of(mountPoint, options)); }

    /** {@code [runners.docker.services_tmpfs]}: a tmpfs for every service, e.g. a database's data folder. */
    public Builder servicesTmpfs(String mountPoint, String options) {
      return set("services_tmpfs", Map.of(mountPoint, options));
    }

    /** {@code memory}, e.g. {@code "512m"}. */
    public Builder memory(String size) { return set("memory", size); }

    /** {@code memory_swap}, e.g. {@code "1g"}. */
    public Builder memorySwap(String size) { return set("memory_swap", size); }

    /** {@code memory_reservation}. */
    public Builder memoryReservation(String size) { return set("memory_reservation", size); }

    /** {@code cpus}, e.g. {@code "1.5"} or {@code "1/3"}. */
    public Builder cpus(String cpus) { return set("cpus", cpus); }

    /** {@code cpuset_cpus}, e.g. {@code "0-1"}. */
    public Builder cpusetCpus(String cpus) { return set("cpuset_cpus", cpus); }

    /** {@code cpu_shares}. */
    public Builder cpuShares(long shares) { return set("cpu_shares", shares); }

    /** {@code service_memory}. */
    public Builder serviceMemory(String size) { return set("service_memory", size); }

    /** {@code service_memory_swap}. */
    public Builder serviceMemorySwap(String size) { return set("service_memory_swap", size); }

    /** {@code service_memory_reservation}. */
    public Builder serviceMemoryReservation(String size) { return set("service_memory_reservation", size); }

    /** {@code service_cpus}, e.g. {@code "1/3"}. */
    public Builder serviceCpus(String cpus) { return set("service_cpus", cpus); }

    /** {@code service_cpuset_cpus}. */
    public Builder serviceCpusetCpus(String cpus) { return set("service_cpuset_cpus", cpus); }

    /** {@code service_cpu_shares}. */
    public Builder serviceCpuShares(long shares) { return set("service_cpu_shares", shares); }

    /** {@code devices}, for the job container: {@code /dev/host[:/dev/container[:rwm]]}. */
    public Builder devices(String... entries) { return set("devices", List.of(entries)); }

    /**
     * {@code [runners.docker.services_devices]}: devices for the services whose pull image name (e.g.
     * {@code alpine:latest}) matches the glob.
     */
    public Builder servicesDevices(String imageGlob, String... entries) {
      return set("services_devices", Map.of(imageGlob, List.of(entries)));
    }

    /** {@code cap_add}, e.g. {@code "NET_ADMIN"}. */
    public Builder capAdd(String... capabilities) { return set("cap_add", List.of(capabilities)); }

    /** {@code cap_drop}. */
    public Builder capDrop(String... capabilities) { return set("cap_drop", List.of(capabilities)); }

    /** {@code security_opt}, for the job container, e.g. {@code "no-new-privileges"}. */
    public Builder securityOpt(String... options) { return set("security_opt", List.of(options)); }

    /** {@code services_security_opt}. */
    public Builder servicesSecurityOpt(String... options) { return set("services_security_opt", List.of(options)); }

    /** {@code shm_size} in bytes (shared by the job container and the services). */
    public Builder shmSize(long bytes) { return set("shm_size", bytes); }

    /** {@code [runners.docker.sysctls]}, for the job container. */
    public Builder sysctl(String key, String value) { return set("sysctls", Map.of(key, value)); }

    /** {@code [runners.docker.ulimit]}, for the job container: e.g. {@code ("nofile", "1024:2048")}. */
    public Builder ulimit(String name, String limits) { return set("ulimit", Map.of(name, limits)); }

    /** {@code userns_mode}, e.g. {@code "host"}. */
    public Builder usernsMode(String mode) { return set("userns_mode", mode); }

    /** {@code isolation} (Windows engines): {@code default}, {@code process} or {@code hyperv}. */
    public Builder isolation(String isolation) { return set("isolation", isolation); }

    /** {@code group_add}, for the job container, e.g. {@code "docker"}. */
    public Builder groupAdd(String... groups) { return set("group_add", List.of(groups)); }

    /** {@code oom_kill_disable}, for the job container. */
    public Builder oomKillDisable(boolean disable) { return set("oom_kill_disable", disable); }

    /** {@code runtime}, for the job container and the services, e.g. {@code "runc"}. */
    public Builder runtime(String runtime) { return set("runtime", runtime); }

    /** {@code cgroup_parent}, for the job container. */
    public Builder cgroupParent(String parent) { return set("cgroup_parent", parent); }

    /** {@code service_cgroup_parent}. */
    public Builder serviceCgroupParent(String parent) { return set("service_cgroup_parent", parent); }

    /** {@code gpus}, for the job container: {@code "all"}, a count, or {@code "device=0,1"}. */
    public Builder gpus(String gpus) { return set("gpus", gpus); }

    /** {@code service_gpus}, for every service. */
    public Builder serviceGpus(String gpus) { return set("service_gpus", gpus); }

    /** {@code mac_address}, for the services' network endpoint (Docker API 1.44 or newer), e.g. {@code "92:d0:c6:0a:29:33"}. */
    public Builder macAddress(String mac) { return set("mac_address", mac); }

    /** {@code volumes_from}, for the job container: {@code container[:ro|rw]}. */
    public Builder volumesFrom(String... containers) { return set("volumes_from", List.of(containers)); }

    /** {@code oom_score_adjust}, for the job container: -1000 to 1000. */
    public Builder oomScoreAdjust(long adjust) { return set("oom_score_adjust", adjust); }

    /** The settings. */
    public DockerSettings build() {
      return new DockerSettings(list("volumes"), map("tmpfs"), map("services_tmpfs"), number("memory"),
          number("memory_swap"), number("memory_reservation"), number("cpus"), text("cpuset_cpus"),
          number("cpu_shares"), number("service_memory"), number("service_memory_swap"),
          number("service_memory_reservation"), number("service_cpus"), text("service_cpuset_cpus"),
          number("service_cpu_shares"), list("devices"), devicesByGlob(), list("cap_add"), list("cap_drop"),
          list("security_opt"), list("services_security_opt"), number("shm_size"), map("sysctls"), map("ulimit"),
          text("userns_mode"), text("isolation"), list("group_add"),
          Boolean.TRUE.equals(values.get("oom_kill_disable")), text("runtime"), text("cgroup_parent"),
          text("service_cgroup_parent"), text("gpus"), text("service_gpus"), text("mac_address"),
          list("volumes_from"), number("oom_score_adjust"));
    }

    private long number(String key) {
      return values.get(key) instanceof Long l ? l : 0;
    }

    private String text(String key) {
      return values.get(key) instanceof String s ? s : "";
    }

    @SuppressWarnings("unchecked") // kept by the table's list readers: strings only
    private List<String> list(String key) {
      return values.get(key) instanceof List<?> l ? (List<String>) l : List.of();
    }

    @SuppressWarnings("unchecked") // kept by the table's map readers: strings only
    private Map<String, String> map(String key) {
      return values.get(key) instanceof Map<?, ?> m ? (Map<String, String>) m : Map.of();
    }

    @SuppressWarnings("unchecked") // kept by servicesDevices: glob to a list of strings
    private Map<String, List<String>> devicesByGlob() {
      return values.get("services_devices") instanceof Map<?, ?> m ? (Map<String, List<String>>) m : Map.of();
    }
  }
}
