package dev.ciservices.benchmarks;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds and removes, by label, everything one benchmark run created: the floor's and
 * Testcontainers' containers and networks carry {@link #RUN}, the backend's carry its owner labels
 * (managed, and this JVM's pid). Other users of the engine are left alone.
 */
final class Cleanup {
  /** On every container and network the floor and Testcontainers create: the run id. */
  static final String RUN = "dev.ciservices.benchmark.run";
  /** Which contestant created it. */
  static final String CONTESTANT = "dev.ciservices.benchmark.contestant";

  private final List<List<String>> filterSets;

  Cleanup(String runId) {
    long pid = ProcessHandle.current().pid();
    this.filterSets = List.of(
        List.of("--filter", "label=" + RUN + "=" + runId),
        List.of("--filter", "label=dev.ciservices.managed=true", "--filter", "label=dev.ciservices.owner.pid=" + pid));
  }

  /** What is left: containers, networks, volumes, as {@code kind id} phrases. */
  List<String> leftovers() {
    List<String> found = new ArrayList<>();
    for (List<String> filters : filterSets) {
      list("ps", List.of("-aq"), filters).forEach(id -> found.add("container " + id));
      list("network", List.of("ls", "-q"), filters).forEach(id -> found.add("network " + id));
      list("volume", List.of("ls", "-q"), filters).forEach(id -> found.add("volume " + id));
    }
    return found;
  }

  /** Removes everything left (containers with their anonymous volumes, then networks, then volumes); returns what was removed. */
  List<String> sweep() {
    List<String> removed = new ArrayList<>();
    for (List<String> filters : filterSets) {
      for (String id : list("ps", List.of("-aq"), filters)) {
        if (quietly("rm", "-f", "-v", id)) {
          removed.add("container " + id);
        }
      }
      for (String id : list("network", List.of("ls", "-q"), filters)) {
        if (quietly("network", "rm", id)) {
          removed.add("network " + id);
        }
      }
      for (String name : list("volume", List.of("ls", "-q"), filters)) {
        if (quietly("volume", "rm", name)) {
          removed.add("volume " + name);
        }
      }
    }
    return removed;
  }

  private static List<String> list(String command, List<String> sub, List<String> filters) {
    List<String> args = new ArrayList<>();
    args.add(command);
    args.addAll(sub);
    args.addAll(filters);
    try {
      String out = Cli.docker(args);
      return out.isEmpty() ? List.of() : List.of(out.split("\\R"));
    } catch (RuntimeException e) {
      System.err.println("cleanup: " + e.getMessage());
      return List.of();
    }
  }

  private static boolean quietly(String... args) {
    try {
      Cli.docker(args);
      return true;
    } catch (RuntimeException e) {
      System.err.println("cleanup: " + e.getMessage());
      return false;
    }
  }
}
