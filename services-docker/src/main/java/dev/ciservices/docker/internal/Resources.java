package dev.ciservices.docker.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import dev.ciservices.internal.CloseOnce;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything created for one job (service containers, the job container, the network, the builds
 * volume), removed together: containers in parallel in {@link Removal#containers}'s order (a pod's
 * namespace owner after every container that joined it), then the network (anything still attached
 * disconnected first), then the volume (retried while a container on its way out still uses it).
 * The JVM shutdown hook that removes them is registered when this object is made, before the
 * first resource exists, so that SIGTERM, SIGINT or {@code System.exit} at any phase cleans up.
 * Once removal has begun, anything still being created is removed as soon as it exists, and
 * whatever carries the job's instance label is removed even if it was never recorded. A removal or
 * keep that comes while another thread removes (at JVM exit the shutdown hook and a close by
 * another hook run at the same time) returns only once that removal is done, so that the handle
 * does not release the Docker client while it is still in use.
 */
final class Resources {
  private static final Logger LOG = LoggerFactory.getLogger(Resources.class);

  private final DockerClient docker;
  private final ExecutorService pool;
  private final String instanceId;
  private final Map<String, String> containers = new LinkedHashMap<>();
  /** The pod's namespace owners: removed after every other container. */
  private final java.util.Set<String> owners = new java.util.HashSet<>();
  private @Nullable String network;
  private @Nullable String volume;
  private boolean removed;
  /** Whether a removal began: then {@link #finished} opens when it is done. */
  private boolean removing;
  private final java.util.concurrent.CountDownLatch finished = new java.util.concurrent.CountDownLatch(1);
  /** The removal at JVM exit, until removal or keep claims it. */
  private final CloseOnce exit;

  Resources(DockerClient docker, ExecutorService pool, String instanceId) {
    this.docker = docker;
    this.pool = pool;
    this.instanceId = instanceId;
    this.exit = CloseOnce.atExit("ci-services-cleanup-" + instanceId, this::removeAtExit);
  }

  /** Records a container; when removal has already begun, removes it at once and returns false. */
  boolean addContainer(String id, String name) {
    synchronized (this) {
      if (!removed) {
        containers.put(id, name);
        return true;
      }
    }
    Removal.container(docker, id);
    return false;
  }

  /**
   * Records a pod's namespace owner, removed after the containers that joined it; when removal has
   * already begun, removes it at once and returns false.
   */
  boolean addNamespaceOwner(String id, String name) {
    synchronized (this) {
      if (!removed) {
        containers.put(id, name);
        owners.add(id);
        return true;
      }
    }
    Removal.container(docker, id);
    return false;
  }

  synchronized void setNetwork(String id) {
    network = id;
  }

  synchronized void setVolume(String name) {
    volume = name;
  }

  synchronized boolean isRemoved() {
    return removed;
  }

  /**
   * Keeps everything (a failed start kept for debugging): no removal at JVM exit either; when a
   * removal already began in another thread, returns once it is done.
   */
  void keep() {
    boolean began;
    synchronized (this) {
      removed = true;
      began = removing;
    }
    exit.claim();
    if (began) {
      awaitFinished();
    }
  }

  private void removeAtExit() {
    Result result = removeAll(false);
    if (!result.removed().isEmpty() || !result.errors().isEmpty()) {
      LOG.info("ci-services removed at exit for job {}: {}{}", instanceId, result.removed(),
          result.errors().isEmpty() ? "" : "; could not remove: " + result.errors());
    }
  }

  /** What a removal did: the resources removed, as {@code kind name}, and one error per resource it could not remove. */
  record Result(List<String> removed, List<String> errors) {}

  /** Removes everything once; later calls return nothing, once the removal they came during is done. */
  Result removeAll() {
    return removeAll(true);
  }

  private Result removeAll(boolean unregister) {
    Map<String, String> ids;
    java.util.Set<String> last;
    @Nullable String net;
    @Nullable String vol;
    boolean other;
    synchronized (this) {
      if (removed) {
        // kept, or being removed by another thread
        other = removing;
        if (!other) {
          return new Result(List.of(), List.of());
        }
        ids = Map.of();
        last = java.util.Set.of();
        net = null;
        vol = null;
      } else {
        other = false;
        removed = true;
        removing = true;
        ids = new LinkedHashMap<>(containers);
        last = new java.util.HashSet<>(owners);
        net = network;
        vol = volume;
      }
    }
    if (other) {
      // at JVM exit the shutdown hook removes while another hook closes the handle, which then releases
      // the Docker client and its threads: the close returns only once that removal is done
      awaitFinished();
      return new Result(List.of(), List.of());
    }
    try {
      return removeNow(ids, last, net, vol, unregister);
    } finally {
      finished.countDown();
    }
  }

  /** Waits, not to be interrupted, until the removal another thread began is done. */
  private void awaitFinished() {
    boolean interrupted = false;
    while (true) {
      try {
        finished.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private Result removeNow(Map<String, String> ids, java.util.Set<String> last, @Nullable String net,
      @Nullable String vol, boolean unregister) {
    if (unregister) {
      exit.claim();
    }
    List<String> done = Collections.synchronizedList(new ArrayList<>());
    List<String> errors = Collections.synchronizedList(new ArrayList<>());
    // containers created but not yet recorded when removal began still carry the job's label
    try {
      for (Container c : docker.listContainersCmd().withShowAll(true)
          .withLabelFilter(Map.of("dev.ciservices.job.instance", instanceId)).exec()) {
        ids.putIfAbsent(c.getId(), c.getNames() != null && c.getNames().length > 0
            ? c.getNames()[0].replaceFirst("^/", "") : c.getId());
        if (Removal.isNamespaceOwner(c.getLabels())) {
          last.add(c.getId());
        }
      }
    } catch (RuntimeException e) {
      LOG.debug("listing the containers of job {} failed", instanceId, e);
    }
    List<Removal.Target> targets = new ArrayList<>();
    ids.forEach((id, name) -> targets.add(new Removal.Target(id, name, last.contains(id))));
    Removal.containers(docker, pool, targets, t -> done.add("container " + t.name()),
        (t, e) -> errors.add("container " + t.name() + ": " + Messages.of(e)));
    done.sort(null); // the containers went in parallel: name them in a stable order
    if (net != null) {
      try {
        String name = removeNetwork(net);
        done.add("network " + name);
      } catch (RuntimeException e) {
        errors.add("network " + net + ": " + Messages.of(e));
      }
    }
    if (vol != null) {
      try {
        removeVolume(vol);
        done.add("volume " + vol);
      } catch (RuntimeException e) {
        errors.add("volume " + vol + ": " + Messages.of(e));
      }
    }
    return new Result(List.copyOf(done), List.copyOf(errors));
  }

  /** "Active endpoints": whatever is still attached (a container another process connected) is disconnected first. */
  private String removeNetwork(String id) {
    String name = id;
    for (int attempt = 0; ; attempt++) {
      try {
        Network inspected = docker.inspectNetworkCmd().withNetworkId(id).exec();
        name = inspected.getName();
        if (inspected.getContainers() != null) {
          for (String container : inspected.getContainers().keySet()) {
            try {
              docker.disconnectFromNetworkCmd().withNetworkId(id).withContainerId(container).withForce(true).exec();
            } catch (NotFoundException e) {
              // gone meanwhile
            }
          }
        }
        Removal.network(docker, id);
        return name;
      } catch (NotFoundException e) {
        return name;
      } catch (RuntimeException e) {
        if (attempt >= 4 || !String.valueOf(e.getMessage()).contains("active endpoints")) {
          throw e;
        }
        pause(attempt);
      }
    }
  }

  /** "Volume in use": a container on its way out still holds it for a moment. */
  private void removeVolume(String name) {
    for (int attempt = 0; ; attempt++) {
      try {
        Removal.volume(docker, name);
        return;
      } catch (RuntimeException e) {
        if (attempt >= 4 || !String.valueOf(e.getMessage()).contains("in use")) {
          throw e;
        }
        pause(attempt);
      }
    }
  }

  private static void pause(int attempt) {
    try {
      Thread.sleep(100L * (attempt + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
