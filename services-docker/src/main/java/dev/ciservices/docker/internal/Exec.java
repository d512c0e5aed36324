package dev.ciservices.docker.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import dev.ciservices.internal.Masker;
import java.util.List;
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
      Masker masker, Consumer<String> onLine, long deadlineNanos) throws InterruptedException {
    String execId = docker.execCreateCmd(containerId).withCmd(command.toArray(String[]::new))
        .withEnv(env).withAttachStdout(true).withAttachStderr(true).exec().getId();
    ResultCallback.Adapter<Frame> callback = docker.execStartCmd(execId).exec(new LineFrames(onLine, masker));
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
