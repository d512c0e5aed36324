package dev.ciservices.docker.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.ciservices.ServicesException;
import java.time.Duration;

/** Removal that treats "already gone" as done. */
final class Removal {
  /** How long a container another process is removing may take to be gone. */
  static final Duration GONE_WAIT = Duration.ofSeconds(60);
  private static final long POLL_MILLIS = 50;

  private Removal() {}

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
