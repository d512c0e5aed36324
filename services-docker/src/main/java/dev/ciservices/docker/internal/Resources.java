package dev.ciservices.docker.internal;

import com.github.dockerjava.api.DockerClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.jspecify.annotations.Nullable;

/**
 * Everything created for one job, removed together: containers in parallel, then the network, then
 * the volume. Once removal has begun, anything still being created is removed as soon as it exists.
 */
final class Resources {
  private final DockerClient docker;
  private final ExecutorService pool;
  private final List<String> containers = new ArrayList<>();
  private @Nullable String network;
  private @Nullable String volume;
  private boolean removed;

  Resources(DockerClient docker, ExecutorService pool) {
    this.docker = docker;
    this.pool = pool;
  }

  /** Records a container; when removal has already begun, removes it at once and returns false. */
  boolean addContainer(String id) {
    synchronized (this) {
      if (!removed) {
        containers.add(id);
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

  /** Removes everything; the errors, if any, as one message per resource. */
  List<String> removeAll() {
    List<String> ids;
    String net;
    String vol;
    synchronized (this) {
      if (removed) {
        return List.of();
      }
      removed = true;
      ids = List.copyOf(containers);
      net = network;
      vol = volume;
    }
    List<String> errors = new ArrayList<>();
    List<CompletableFuture<Void>> removals = ids.stream()
        .map(id -> CompletableFuture.runAsync(() -> Removal.container(docker, id), pool)
            .exceptionally(e -> {
              synchronized (errors) {
                errors.add("container " + id + ": " + Messages.of(e));
              }
              return null;
            }))
        .toList();
    removals.forEach(CompletableFuture::join);
    if (net != null) {
      try {
        Removal.network(docker, net);
      } catch (RuntimeException e) {
        errors.add("network " + net + ": " + Messages.of(e));
      }
    }
    if (vol != null) {
      try {
        Removal.volume(docker, vol);
      } catch (RuntimeException e) {
        errors.add("volume " + vol + ": " + Messages.of(e));
      }
    }
    return errors;
  }
}
