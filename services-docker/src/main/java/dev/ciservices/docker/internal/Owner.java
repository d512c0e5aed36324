package dev.ciservices.docker.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Who created a resource: the machine (machine id), the boot (boot id), the PID namespace and the
 * process (pid and its start time in clock ticks since boot). A sweep removes a resource only when
 * every part is known and the process is provably gone on this same machine, boot and namespace;
 * anything else (another machine, another boot, another namespace, labels of an older version, no
 * {@code /proc}) is never removed automatically.
 */
public final class Owner {
  /** Marks everything ci-services creates. */
  public static final String MANAGED = "dev.ciservices.managed";
  static final String SESSION = "dev.ciservices.session";
  static final String HOST = "dev.ciservices.owner.host";
  static final String MACHINE = "dev.ciservices.owner.machine";
  static final String BOOT = "dev.ciservices.owner.boot";
  static final String PID_NAMESPACE = "dev.ciservices.owner.pidns";
  static final String PID = "dev.ciservices.owner.pid";
  /** The start time in clock ticks since boot, what the rule compares. */
  static final String STARTED = "dev.ciservices.owner.start-ticks";
  /**
   * The start time in epoch milliseconds, as versions before 0.2 wrote and read it: kept so that
   * their sweeps, which compare it, still recognise a live owner on a shared engine.
   */
  static final String STARTED_MILLIS = "dev.ciservices.owner.started";
  /** When the run that created the resource began, in epoch seconds: the age {@code sweep --older-than} reads. */
  static final String CREATED = "dev.ciservices.created";

  /** This process's identity, or its parts that could not be established (null). */
  record Identity(@Nullable String machine, @Nullable String boot, @Nullable String pidNamespace, long pid,
      @Nullable String started) {

    boolean complete() {
      return machine != null && boot != null && pidNamespace != null && started != null;
    }
  }

  private static final Path PROC = Path.of("/proc");
  static final Identity THIS = identify(PROC);

  private final String session = UUID.randomUUID().toString();

  /** The labels to add to everything this backend instance creates. */
  public Map<String, String> labels() {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(SESSION, session);
    labels.put(HOST, hostName());
    labels.put(MACHINE, orUnknown(THIS.machine()));
    labels.put(BOOT, orUnknown(THIS.boot()));
    labels.put(PID_NAMESPACE, orUnknown(THIS.pidNamespace()));
    labels.put(PID, Long.toString(THIS.pid()));
    labels.put(STARTED, orUnknown(THIS.started()));
    labels.put(STARTED_MILLIS, Long.toString(ProcessHandle.current().info().startInstant()
        .map(java.time.Instant::toEpochMilli).orElse(0L)));
    labels.put(CREATED, Long.toString(java.time.Instant.now().getEpochSecond()));
    return labels;
  }

  /** This backend instance's session id. */
  public String session() {
    return session;
  }

  /** What a sweep may do with a resource, and why. */
  record Verdict(State state, String reason) {
    enum State { OWNER_GONE, OWNER_ALIVE, UNKNOWN }
  }

  /** The verdict for a resource with these labels, seen from this process. */
  static Verdict judge(@Nullable Map<String, String> labels) {
    return judge(labels, THIS, PROC);
  }

  static Verdict judge(@Nullable Map<String, String> labels, Identity self, Path proc) {
    if (labels == null || !"true".equals(labels.get(MANAGED))) {
      return new Verdict(Verdict.State.UNKNOWN, "not created by ci-services");
    }
    String machine = labels.get(MACHINE);
    String boot = labels.get(BOOT);
    String namespace = labels.get(PID_NAMESPACE);
    String started = labels.get(STARTED);
    long pid;
    try {
      pid = Long.parseLong(labels.getOrDefault(PID, ""));
    } catch (NumberFormatException e) {
      return new Verdict(Verdict.State.UNKNOWN, "its owner's pid is unknown");
    }
    String owner = "owner pid " + pid + " on " + labels.getOrDefault(HOST, "an unknown host");
    if (!self.complete()) {
      return new Verdict(Verdict.State.UNKNOWN, owner + ": this process cannot establish its own machine, boot and"
          + " PID namespace (no /proc?)");
    }
    if (machine == null || boot == null || namespace == null || started == null
        || isUnknown(machine) || isUnknown(boot) || isUnknown(namespace) || isUnknown(started)) {
      return new Verdict(Verdict.State.UNKNOWN, owner + ": its machine, boot, PID namespace or start time is unknown");
    }
    if (!machine.equals(self.machine())) {
      return new Verdict(Verdict.State.UNKNOWN, owner + ": another machine (" + machine + ")");
    }
    if (!boot.equals(self.boot())) {
      return new Verdict(Verdict.State.UNKNOWN, owner + ": an earlier boot of this machine");
    }
    if (!namespace.equals(self.pidNamespace())) {
      return new Verdict(Verdict.State.UNKNOWN, owner + ": another PID namespace (" + namespace + ")");
    }
    Optional<String> now = startTicks(proc, Long.toString(pid));
    if (now.isPresent() && now.get().equals(started)) {
      return new Verdict(Verdict.State.OWNER_ALIVE, owner + " is running");
    }
    if (!Files.isDirectory(proc.resolve("self"))) {
      return new Verdict(Verdict.State.UNKNOWN, owner + ": /proc cannot be read");
    }
    return new Verdict(Verdict.State.OWNER_GONE, owner + " exited"
        + (now.isPresent() ? " (the pid now belongs to another process)" : ""));
  }

  private static boolean isUnknown(@Nullable String value) {
    return value == null || value.isEmpty() || value.equals("unknown");
  }

  private static String orUnknown(@Nullable String value) {
    return value == null ? "unknown" : value;
  }

  /**
   * This process's identity. The PID namespace is only trusted when {@code /proc} is this
   * namespace's: {@code /proc/self} must be this process.
   */
  static Identity identify(Path proc) {
    long pid = ProcessHandle.current().pid();
    String machine = firstLine(Path.of("/etc/machine-id")).or(() -> firstLine(Path.of("/var/lib/dbus/machine-id")))
        .orElse(null);
    String boot = firstLine(proc.resolve("sys/kernel/random/boot_id")).orElse(null);
    String namespace = null;
    String started = null;
    try {
      Path self = proc.resolve("self");
      if (Files.isSymbolicLink(self) && Files.readSymbolicLink(self).toString().equals(Long.toString(pid))) {
        namespace = Files.readSymbolicLink(proc.resolve("self/ns/pid")).toString();
        started = startTicks(proc, "self").orElse(null);
      }
    } catch (IOException | RuntimeException e) {
      // not Linux, or /proc of another namespace: the identity stays incomplete
    }
    return new Identity(machine, boot, namespace, pid, started);
  }

  /** Field 22 of {@code /proc/<pid>/stat}: the start time in clock ticks since boot. */
  static Optional<String> startTicks(Path proc, String pid) {
    try {
      String stat = Files.readString(proc.resolve(pid).resolve("stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Optional.of(fields[19]);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> firstLine(Path file) {
    try {
      String text = Files.readString(file).strip();
      return text.isEmpty() ? Optional.empty() : Optional.of(text);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static String hostName() {
    return firstLine(Path.of("/etc/hostname")).orElseGet(() -> {
      String env = System.getenv("HOSTNAME");
      return env != null ? env : "unknown";
    });
  }
}
