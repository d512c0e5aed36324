package dev.ciservices.junit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What the engine still holds, asked with the docker CLI (the testkit does not compile against the
 * Docker backend). Only ever looks at, or removes, what these tests created.
 */
final class Leftovers {
  private Leftovers() {}

  /** The containers among {@code ids} that still exist. */
  static List<String> containers(Collection<String> ids) {
    List<String> existing = docker("ps", "-a", "-q", "--no-trunc", "--filter", "label=dev.ciservices.managed=true");
    return ids.stream().filter(existing::contains).toList();
  }

  /** Containers, networks and volumes of jobs with this name (the extension names jobs after test classes). */
  static List<String> ofJobNamed(String jobName) {
    String label = "label=dev.ciservices.job.name=" + jobName;
    List<String> found = new ArrayList<>();
    docker("ps", "-a", "-q", "--filter", label).forEach(c -> found.add("container " + c));
    docker("network", "ls", "-q", "--filter", label).forEach(n -> found.add("network " + n));
    docker("volume", "ls", "-q", "--filter", label).forEach(v -> found.add("volume " + v));
    return found;
  }

  /** Containers, networks and volumes of one job instance, as {@code kind id} lines. */
  static List<String> ofJob(String instanceId) {
    String label = "label=dev.ciservices.job.instance=" + instanceId;
    List<String> found = new ArrayList<>();
    docker("ps", "-a", "-q", "--filter", label).forEach(c -> found.add("container " + c));
    docker("network", "ls", "-q", "--filter", label).forEach(n -> found.add("network " + n));
    docker("volume", "ls", "-q", "--filter", label).forEach(v -> found.add("volume " + v));
    return found;
  }

  /** Removes the containers, network and volume of one job instance (one these tests kept on purpose). */
  static void removeJob(String instanceId) {
    String label = "label=dev.ciservices.job.instance=" + instanceId;
    for (String container : docker("ps", "-a", "-q", "--filter", label)) {
      docker("rm", "-f", "-v", container);
    }
    for (String network : docker("network", "ls", "-q", "--filter", label)) {
      docker("network", "rm", network);
    }
    for (String volume : docker("volume", "ls", "-q", "--filter", label)) {
      docker("volume", "rm", volume);
    }
  }

  /** A container's output so far, as {@code docker logs} shows it. */
  static String logs(String containerId) {
    return String.join("\n", docker("logs", containerId));
  }

  /** What a command run in a container printed, as {@code docker exec} shows it. */
  static List<String> exec(String containerId, String... command) {
    String[] args = new String[command.length + 2];
    args[0] = "exec";
    args[1] = containerId;
    System.arraycopy(command, 0, args, 2, command.length);
    return docker(args);
  }

  private static List<String> docker(String... args) {
    List<String> command = new ArrayList<>();
    command.add("docker");
    command.addAll(Arrays.asList(args));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
      }
      return out.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running " + String.join(" ", command), e);
    }
  }
}
