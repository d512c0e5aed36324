package dev.ciservices.docker.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import dev.ciservices.internal.Masker;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** A container's output: read once (for diagnoses) or followed line by line (for {@code CI_DEBUG_SERVICES}). */
final class ContainerLogs {
  /** GitLab's {@code ServiceLogOutputLimit}. */
  static final int LIMIT = 65536;

  private ContainerLogs() {}

  /** stdout and stderr with Docker timestamps, at most 64 KiB, trimmed; or the error text. */
  static String read(DockerClient docker, String id) {
    // bytes first, decoded once: a character split between two frames stays whole; a frame that
    // continues a line loses the timestamp Podman puts before every frame (LineFrames)
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    java.util.Map<com.github.dockerjava.api.model.StreamType, Boolean> midLine =
        new java.util.EnumMap<>(com.github.dockerjava.api.model.StreamType.class);
    try {
      docker.logContainerCmd(id).withStdOut(true).withStdErr(true).withTimestamps(true)
          .exec(new ResultCallback.Adapter<Frame>() {
            @Override
            public void onNext(Frame frame) {
              synchronized (out) {
                byte[] payload = frame.getPayload();
                if (payload.length == 0) {
                  return;
                }
                int from = LineFrames.continuedTimestamp(payload, midLine.getOrDefault(frame.getStreamType(), false));
                midLine.put(frame.getStreamType(), payload[payload.length - 1] != '\n');
                out.write(payload, from, Math.min(payload.length - from, Math.max(0, LIMIT - out.size())));
              }
            }
          }).awaitCompletion(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      return Messages.of(e);
    }
    synchronized (out) {
      return out.toString(StandardCharsets.UTF_8).strip();
    }
  }

  /** The last {@code n} lines of {@link #read}. */
  static String tail(DockerClient docker, String id, int n) {
    String[] lines = read(docker, id).split("\n");
    int from = Math.max(0, lines.length - n);
    return String.join("\n", java.util.Arrays.copyOfRange(lines, from, lines.length));
  }

  /**
   * Follows the output from the container's start, calling {@code onLine} with each complete line
   * (stdout and stderr kept apart so lines are never mixed), with its Docker timestamp.
   */
  static Closeable follow(DockerClient docker, String id, Masker masker, Consumer<String> onLine) {
    LineFrames callback = new LineFrames(onLine, masker, true) {
      @Override
      public void onError(Throwable throwable) {
        // the stream ends with an error when its container is removed; nothing to report then
        onComplete();
      }
    };
    return docker.logContainerCmd(id).withStdOut(true).withStdErr(true).withTimestamps(true).withFollowStream(true)
        .exec(callback);
  }
}
