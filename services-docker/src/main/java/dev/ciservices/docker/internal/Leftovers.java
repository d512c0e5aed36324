package dev.ciservices.docker.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import dev.ciservices.docker.SweepReport;
import dev.ciservices.internal.GoDuration;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Sweeps what ci-services left on an engine: containers first (in parallel, in {@link Removal#containers}'s
 * order: a pod's namespace owner after every container that joined it), then networks (foreign
 * containers still attached are disconnected, never removed), then volumes. A resource goes when its
 * owner is provably gone on this machine, boot and PID namespace ({@link Owner#judge}); with an age
 * ({@code ci-services sweep --older-than 2h}) also those whose owner cannot be established and that
 * are older. A live owner's resources are never touched. A sweep never throws: each error is one
 * warning, and a resource another sweep removed first counts as removed.
 */
public final class Leftovers {
  private Leftovers() {}

  /**
   * Sweeps.
   *
   * @param olderThan null for the automatic sweep (provably gone owners only)
   * @param dryRun report only
   * @param pool the backend's threads, which run the removals
   */
  public static SweepReport sweep(DockerClient docker, @Nullable Duration olderThan, boolean dryRun,
      ExecutorService pool) {
    List<SweepReport.Item> removed = Collections.synchronizedList(new ArrayList<>());
    List<SweepReport.Item> kept = new ArrayList<>();
    List<String> warnings = Collections.synchronizedList(new ArrayList<>());
    Map<String, String> filter = Map.of(Owner.MANAGED, "true");
    Instant now = Instant.now();

    List<Container> containers = list(() -> docker.listContainersCmd().withShowAll(true).withLabelFilter(filter)
        .exec(), "containers", warnings);
    Map<String, SweepReport.Item> toRemove = new HashMap<>();
    List<Removal.Target> targets = new ArrayList<>();
    for (Container c : containers) {
      String name = c.getNames() != null && c.getNames().length > 0 ? c.getNames()[0].replaceFirst("^/", "") : c.getId();
      Instant created = created(c.getLabels(), c.getCreated() == null ? null : Instant.ofEpochSecond(c.getCreated()));
      SweepReport.Item item = decide("container", name, c.getLabels(), created, now, olderThan, removed, kept, dryRun);
      if (item != null) {
        toRemove.put(c.getId(), item);
        targets.add(new Removal.Target(c.getId(), name, Removal.isNamespaceOwner(c.getLabels())));
      }
    }
    Set<String> gone = Collections.synchronizedSet(new HashSet<>());
    Removal.containers(docker, pool, targets, t -> {
      gone.add(t.id());
      removed.add(toRemove.get(t.id()));
    }, (t, e) -> warnings.add("could not remove container " + t.name() + ": " + Messages.of(e)));

    List<Network> networks = list(() -> docker.listNetworksCmd().withFilter("label", List.of(Owner.MANAGED + "=true"))
        .exec(), "networks", warnings);
    List<Runnable> removals = new ArrayList<>();
    for (Network n : networks) {
      Instant created = created(n.getLabels(), n.getCreated() == null ? null : n.getCreated().toInstant());
      SweepReport.Item item = decide("network", n.getName(), n.getLabels(), created, now, olderThan, removed, kept,
          dryRun);
      if (item != null) {
        removals.add(removal(item, () -> removeNetwork(docker, n.getId(), n.getName(), gone, warnings), removed,
            warnings));
      }
    }
    runAll(removals, pool);

    List<InspectVolumeResponse> volumes = list(() -> {
      var listed = docker.listVolumesCmd().withFilter("label", List.of(Owner.MANAGED + "=true")).exec().getVolumes();
      return listed == null ? List.<InspectVolumeResponse>of() : listed;
    }, "volumes", warnings);
    removals.clear();
    for (InspectVolumeResponse v : volumes) {
      SweepReport.Item item = decide("volume", v.getName(), v.getLabels(), created(v.getLabels(), null), now,
          olderThan, removed, kept, dryRun);
      if (item != null) {
        removals.add(removal(item, () -> removeVolume(docker, v.getName()), removed, warnings));
      }
    }
    runAll(removals, pool);
    return new SweepReport(removed, kept, warnings, dryRun);
  }

  private static <T> List<T> list(Supplier<List<T>> listing, String what, List<String> warnings) {
    try {
      return listing.get();
    } catch (RuntimeException e) {
      warnings.add("could not list the " + what + " to sweep: " + Messages.of(e));
      return List.of();
    }
  }

  /**
   * Decides one resource: a kept one goes to {@code kept}, one to remove in a dry run to {@code removed};
   * returns the item of one to remove now, or null.
   */
  private static SweepReport.@Nullable Item decide(String kind, String name, @Nullable Map<String, String> labels,
      @Nullable Instant created, Instant now, @Nullable Duration olderThan, List<SweepReport.Item> removed,
      List<SweepReport.Item> kept, boolean dryRun) {
    Owner.Verdict verdict = Owner.judge(labels);
    String reason;
    switch (verdict.state()) {
      case OWNER_GONE:
        reason = verdict.reason();
        break;
      case UNKNOWN:
        Duration age = created == null ? null : Duration.between(created, now);
        if (olderThan != null && age != null && age.compareTo(olderThan) >= 0) {
          reason = verdict.reason() + "; created " + GoDuration.format(age.withNanos(0)) + " ago, older than "
              + GoDuration.format(olderThan);
          break;
        }
        kept.add(new SweepReport.Item(kind, name, verdict.reason() + (olderThan == null
            ? "; never removed automatically (ci-services sweep --older-than removes it)"
            : age == null ? "; its age is unknown" : "; created " + GoDuration.format(age.withNanos(0)) + " ago")));
        return null;
      default:
        kept.add(new SweepReport.Item(kind, name, verdict.reason()));
        return null;
    }
    SweepReport.Item item = new SweepReport.Item(kind, name, reason);
    if (dryRun) {
      removed.add(item);
      return null;
    }
    return item;
  }

  /** The removal of a network or a volume: reported removed, or one warning. */
  private static Runnable removal(SweepReport.Item item, Runnable removal, List<SweepReport.Item> removed,
      List<String> warnings) {
    return () -> {
      try {
        removal.run();
        removed.add(item);
      } catch (RuntimeException e) {
        warnings.add("could not remove " + item.kind() + " " + item.name() + ": " + Messages.of(e));
      }
    };
  }

  private static void runAll(List<Runnable> removals, ExecutorService pool) {
    CompletableFuture.allOf(removals.stream().map(r -> CompletableFuture.runAsync(r, pool))
        .toArray(CompletableFuture[]::new)).join();
  }

  /** Disconnects whatever is still attached (a foreign container is disconnected, not removed), then removes. */
  private static void removeNetwork(DockerClient docker, String id, String name, Set<String> removedContainers,
      List<String> warnings) {
    for (int attempt = 0; ; attempt++) {
      try {
        Map<String, Network.ContainerNetworkConfig> attached = docker.inspectNetworkCmd().withNetworkId(id).exec()
            .getContainers();
        if (attached != null) {
          for (String container : attached.keySet()) {
            if (removedContainers.contains(container)) {
              continue;
            }
            try {
              docker.disconnectFromNetworkCmd().withNetworkId(id).withContainerId(container).withForce(true).exec();
              warnings.add("disconnected container " + container.substring(0, Math.min(12, container.length()))
                  + " from leftover network " + name + " (not removed: it is not a leftover)");
            } catch (NotFoundException e) {
              // gone meanwhile
            }
          }
        }
        Removal.network(docker, id);
        return;
      } catch (NotFoundException e) {
        return; // another sweep removed it
      } catch (RuntimeException e) {
        if (attempt >= 3 || !String.valueOf(e.getMessage()).contains("active endpoints")) {
          throw e;
        }
        sleep(100L * (attempt + 1));
      }
    }
  }

  private static void removeVolume(DockerClient docker, String name) {
    for (int attempt = 0; ; attempt++) {
      try {
        Removal.volume(docker, name);
        return;
      } catch (RuntimeException e) {
        // a container of the job may still be on its way out (another sweep removing it)
        if (attempt >= 3 || !String.valueOf(e.getMessage()).contains("in use")) {
          throw e;
        }
        sleep(100L * (attempt + 1));
      }
    }
  }

  private static @Nullable Instant created(@Nullable Map<String, String> labels, @Nullable Instant engine) {
    String label = labels == null ? null : labels.get(Owner.CREATED);
    if (label != null) {
      try {
        return Instant.ofEpochSecond(Long.parseLong(label));
      } catch (NumberFormatException e) {
        // fall back to the engine's time
      }
    }
    return engine;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
