package dev.ciservices.docker.internal;

import com.github.dockerjava.api.model.PullResponseItem;
import com.github.dockerjava.api.model.ResponseItem;
import dev.ciservices.JobEvent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sums the engine's per-layer pull messages into bytes and layers for one image. Layers are keyed
 * by the id the engine gives them; messages without an id (the pull's own status) are ignored.
 * Not thread-safe: one pull's stream is read by one thread.
 */
final class PullProgress {
  private static final class Layer {
    long current;
    long total;
    boolean done;
  }

  private static final java.util.Set<String> LAYER_STATUSES = java.util.Set.of("Pulling fs layer", "Waiting",
      "Downloading", "Verifying Checksum", "Download complete", "Extracting", "Pull complete", "Already exists");

  private final String image;
  private final Map<String, Layer> layers = new LinkedHashMap<>();

  PullProgress(String image) {
    this.image = image;
  }

  /** Takes one message; returns whether it changed anything. */
  boolean accept(PullResponseItem item) {
    String id = item.getId();
    String status = item.getStatus();
    // Podman sends messages without a status (docker-java's own callback fails on them)
    // only per-layer messages count: "Pulling from <repo>" carries the tag as its id
    if (id == null || status == null || !LAYER_STATUSES.contains(status) && !status.startsWith("Retrying")) {
      return false;
    }
    Layer layer = layers.computeIfAbsent(id, k -> new Layer());
    ResponseItem.ProgressDetail detail = item.getProgressDetail();
    switch (status) {
      case "Downloading":
        if (detail != null && detail.getTotal() != null && detail.getTotal() > 0) {
          layer.total = detail.getTotal();
        }
        if (detail != null && detail.getCurrent() != null) {
          layer.current = Math.max(layer.current, detail.getCurrent());
        }
        return true;
      case "Download complete":
      case "Verifying Checksum":
        layer.current = Math.max(layer.current, layer.total);
        layer.done = true;
        return true;
      case "Pull complete":
      case "Already exists":
        layer.done = true;
        return true;
      default:
        return true;
    }
  }

  /** Bytes downloaded so far. */
  long bytesDone() {
    return layers.values().stream().mapToLong(l -> l.current).sum();
  }

  /** Sizes of the layers that download, as known so far. */
  long bytesTotal() {
    return layers.values().stream().mapToLong(l -> Math.max(l.total, l.current)).sum();
  }

  int layers() {
    return layers.size();
  }

  int layersDone() {
    return (int) layers.values().stream().filter(l -> l.done).count();
  }

  JobEvent.ImagePullProgress event(boolean complete) {
    return new JobEvent.ImagePullProgress(Instant.now(), image, layers(), layersDone(), bytesDone(), bytesTotal(), complete);
  }

  /** {@code 12.3 MB of 88.0 MB, 2 of 5 layers}: the trace's progress text. */
  String summary() {
    return megabytes(bytesDone()) + " of " + megabytes(bytesTotal()) + ", " + layersDone() + " of " + layers() + " layers";
  }

  static String megabytes(long bytes) {
    return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1_000_000.0);
  }
}
