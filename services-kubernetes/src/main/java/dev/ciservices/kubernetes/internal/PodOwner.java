package dev.ciservices.kubernetes.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Who created a pod: labels that let a later JVM on this host tell the leftovers of a dead JVM from
 * pods a live one is using (the same labels as the Docker backend's).
 */
final class PodOwner {
  static final String MANAGED = "dev.ciservices.managed";
  static final String SESSION = "dev.ciservices.session";
  static final String HOST = "dev.ciservices.owner.host";
  static final String PID = "dev.ciservices.owner.pid";
  static final String STARTED = "dev.ciservices.owner.started";

  private static final String THIS_HOST = PodLabels.sanitize(hostName());
  private static final long THIS_PID = ProcessHandle.current().pid();
  private static final long THIS_STARTED = startedMillis(ProcessHandle.current());

  private final String session = UUID.randomUUID().toString();

  Map<String, String> labels() {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(MANAGED, "true");
    labels.put(SESSION, session);
    labels.put(HOST, THIS_HOST);
    labels.put(PID, Long.toString(THIS_PID));
    labels.put(STARTED, Long.toString(THIS_STARTED));
    return labels;
  }

  /** Whether a pod with these labels was left by a JVM on this host that no longer runs. */
  static boolean isLeftover(Map<String, String> labels) {
    if (labels == null || !"true".equals(labels.get(MANAGED)) || !THIS_HOST.equals(labels.get(HOST))) {
      return false;
    }
    long pid;
    long started;
    try {
      pid = Long.parseLong(labels.getOrDefault(PID, ""));
      started = Long.parseLong(labels.getOrDefault(STARTED, ""));
    } catch (NumberFormatException e) {
      return false;
    }
    Optional<ProcessHandle> process = ProcessHandle.of(pid);
    return process.isEmpty() || !process.get().isAlive() || startedMillis(process.get()) != started;
  }

  private static long startedMillis(ProcessHandle process) {
    return process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
  }

  private static String hostName() {
    try {
      return Files.readString(Path.of("/etc/hostname")).strip();
    } catch (Exception e) {
      String env = System.getenv("HOSTNAME");
      return env != null ? env : "unknown";
    }
  }
}
