package dev.ciservices.docker.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.ciservices.ServicesException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Removal that treats "already gone" as done, and the order in which a job's containers go: the one
 * place for both, used by a job's own removal ({@link Resources}) and by the sweep ({@link Leftovers}).
 */
final class Removal {
  /** How long a container another process is removing may take to be gone. */
  static final Duration GONE_WAIT = Duration.ofSeconds(60);
  private static final long POLL_MILLIS = 50;

  /** The text with which Podman refuses to remove a container that others joined. */
  static final String DEPENDENT = "dependent containers";
  /** The label that says what a container is; {@code pod} for a namespace owner (JobPlanner sets it). */
  static final String TYPE = "dev.ciservices.type";

  private Removal() {}

  /** Whether a container's labels mark it as a pod's network namespace owner ({@code dev.ciservices.type=pod}). */
  static boolean isNamespaceOwner(@Nullable Map<String, String> labels) {
    return labels != null && "pod".equals(labels.get(TYPE));
  }

  /**
   * A container to remove: its id, its name for messages, and whether it holds a pod's network
   * namespace (labelled {@code dev.ciservices.type=pod}), which the other containers of its job joined.
   */
  record Target(String id, String name, boolean namespaceOwner) {}

  /**
   * Removes containers in parallel on {@code pool}, each with {@link #container}: first every one that
   * is not a namespace owner, then the namespace owners (Podman refuses an owner while a container that
   * joined it exists: "has dependent containers"). A container refused for dependent containers (an
   * owner not known as one) is retried once the others are gone, twice; then it is a failure. Returns
   * when every container is removed or has failed; each is reported once, to {@code removed} or to
   * {@code failed}, from the pool's threads.
   */
  static void containers(DockerClient docker, Executor pool, Collection<Target> targets, Consumer<Target> removed,
      BiConsumer<Target, RuntimeException> failed) {
    containers(id -> container(docker, id), pool, targets, removed, failed);
  }

  /** {@link #containers(DockerClient, Executor, Collection, Consumer, BiConsumer)} with the removal of one container given. */
  static void containers(Consumer<String> remove, Executor pool, Collection<Target> targets, Consumer<Target> removed,
      BiConsumer<Target, RuntimeException> failed) {
    List<Target> joiners = new ArrayList<>();
    List<Target> owners = new ArrayList<>();
    targets.forEach(t -> (t.namespaceOwner() ? owners : joiners).add(t));
    Queue<Target> refused = new ConcurrentLinkedQueue<>();
    inParallel(remove, pool, joiners, removed, failed, refused);
    inParallel(remove, pool, owners, removed, failed, refused);
    for (int round = 0; round < 2 && !refused.isEmpty(); round++) {
      List<Target> again = new ArrayList<>(refused);
      refused.clear();
      inParallel(remove, pool, again, removed, failed, round == 1 ? null : refused);
    }
  }

  /** One batch in parallel; a container refused for dependent containers goes to {@code refused} when that is given. */
  private static void inParallel(Consumer<String> remove, Executor pool, List<Target> batch, Consumer<Target> removed,
      BiConsumer<Target, RuntimeException> failed, @Nullable Queue<Target> refused) {
    CompletableFuture.allOf(batch.stream().map(t -> CompletableFuture.runAsync(() -> {
      try {
        remove.accept(t.id());
      } catch (RuntimeException e) {
        if (refused != null && String.valueOf(e.getMessage()).contains(DEPENDENT)) {
          refused.add(t);
        } else {
          failed.accept(t, e);
        }
        return;
      }
      removed.accept(t);
    }, pool)).toArray(CompletableFuture[]::new)).join();
  }

  /**
   * Removes a container with its anonymous volumes; returns once it is gone. When another process
   * (a concurrent sweep) is already removing it, waits until it is gone, so that its network and
   * volume can be removed next, rather than reporting it removed while it still holds them.
   *
   * @throws ServicesException when the other removal has not finished within {@link #GONE_WAIT}
   */
  static void container(DockerClient docker, String id) {
    try {
      docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
    } catch (NotFoundException e) {
      // already gone
    } catch (RuntimeException e) {
      if (!String.valueOf(e.getMessage()).contains("is already in progress")) {
        throw e;
      }
      awaitGone(docker, id);
    }
  }

  private static void awaitGone(DockerClient docker, String id) {
    long deadline = System.nanoTime() + GONE_WAIT.toNanos();
    while (true) {
      try {
        docker.inspectContainerCmd(id).exec();
      } catch (NotFoundException e) {
        return;
      }
      if (System.nanoTime() - deadline > 0) {
        throw new ServicesException("container " + id + " is still being removed by another process after "
            + GONE_WAIT.toSeconds() + " s");
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  static void network(DockerClient docker, String id) {
    try {
      docker.removeNetworkCmd(id).exec();
    } catch (NotFoundException e) {
      // already gone
    }
  }

  static void volume(DockerClient docker, String name) {
    try {
      docker.removeVolumeCmd(name).exec();
    } catch (NotFoundException e) {
      // already gone
    }
  }
}
