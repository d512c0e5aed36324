package dev.ciservices.docker.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Runs a command in a running container, line by line, with a deadline. */
final class Exec {
  private Exec() {}

  /**
   * Runs {@code command}; each complete output line goes to {@code onLine}.
   *
   * @return the exit code, or empty when the deadline passed first
   */
  static OptionalInt run(DockerClient docker, String containerId, List<String> command, List<String> env,
      Consumer<String> onLine, long deadlineNanos) throws InterruptedException {
    String execId = docker.execCreateCmd(containerId).withCmd(command.toArray(String[]::new))
        .withEnv(env).withAttachStdout(true).withAttachStderr(true).exec().getId();
    ResultCallback.Adapter<Frame> callback = docker.execStartCmd(execId).exec(new ResultCallback.Adapter<>() {
      private final Map<StreamType, StringBuilder> partial = new EnumMap<>(StreamType.class);

      @Override
      public void onNext(Frame frame) {
        StringBuilder buffer = partial.computeIfAbsent(frame.getStreamType(), t -> new StringBuilder());
        buffer.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
        int newline;
        while ((newline = buffer.indexOf("\n")) >= 0) {
          onLine.accept(buffer.substring(0, newline));
          buffer.delete(0, newline + 1);
        }
      }

      @Override
      public void onComplete() {
        partial.values().stream().filter(b -> b.length() > 0).forEach(b -> onLine.accept(b.toString()));
        partial.clear();
        super.onComplete();
      }
    });
    long remaining = deadlineNanos - System.nanoTime();
    if (remaining <= 0 || !callback.awaitCompletion(remaining, TimeUnit.NANOSECONDS)) {
      closeQuietly(callback);
      return OptionalInt.empty();
    }
    Long code = docker.inspectExecCmd(execId).exec().getExitCodeLong();
    return OptionalInt.of(code == null ? -1 : code.intValue());
  }

  private static void closeQuietly(ResultCallback.Adapter<Frame> callback) {
    try {
      callback.close();
    } catch (Exception ignored) {
      // the exec's container is removed next; its stream ends with it
    }
  }
}
