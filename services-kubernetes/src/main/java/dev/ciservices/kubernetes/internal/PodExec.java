package dev.ciservices.kubernetes.internal;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A shell in one container of the pod with a script on stdin, as the runner's exec strategy runs a
 * stage: stdout and stderr merged line by line, the exit code from the exec's status. The script
 * ends with {@code exit}, so the shell stops without waiting for the end of stdin.
 */
final class PodExec {
  private PodExec() {}

  /**
   * Runs the script; empty when the deadline passed first.
   *
   * @throws InterruptedException when interrupted; the exec is closed
   */
  static OptionalInt run(KubernetesClient client, String namespace, String pod, String container, String script,
      Consumer<String> onLine, long deadlineNanos) throws InterruptedException {
    return run(client, namespace, pod, container, script, onLine, deadlineNanos, Optional::empty);
  }

  /** Runs the script until it ends, the deadline passes (empty) or {@code abort} names a problem (empty). */
  static OptionalInt run(KubernetesClient client, String namespace, String pod, String container, String script,
      Consumer<String> onLine, long deadlineNanos, Supplier<Optional<String>> abort) throws InterruptedException {
    Lines out = new Lines(onLine);
    try (ExecWatch watch = client.pods().inNamespace(namespace).withName(pod).inContainer(container)
        .redirectingInput().writingOutput(out).writingError(out).exec("sh")) {
      try {
        OutputStream in = watch.getInput();
        in.write((script + "\nexit $?\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
      } catch (IOException e) {
        // the shell ended before reading the whole script; its status tells what happened
      }
      while (true) {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0 || abort.get().isPresent()) {
          out.flushLast();
          return OptionalInt.empty();
        }
        try {
          Integer code = watch.exitCode().get(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)), TimeUnit.NANOSECONDS);
          out.flushLast();
          return OptionalInt.of(code == null ? -1 : code);
        } catch (TimeoutException e) {
          // not ended yet
        }
      }
    } catch (ExecutionException e) {
      out.flushLast();
      throw new dev.ciservices.ServicesException("exec in container " + container + " of pod " + pod + ": "
          + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e.getCause());
    }
  }

  /** How long is left until a deadline, for messages. */
  static Duration left(long deadlineNanos) {
    return Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
  }

  /** Splits a byte stream into lines; a line is passed on when its newline arrives. */
  static final class Lines extends OutputStream {
    private final Consumer<String> onLine;
    private final ByteArrayOutputStream current = new ByteArrayOutputStream();

    Lines(Consumer<String> onLine) {
      this.onLine = onLine;
    }

    @Override
    public synchronized void write(int b) {
      if (b == '\n') {
        emit();
      } else {
        current.write(b);
      }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      for (int i = off; i < off + len; i++) {
        write(b[i]);
      }
    }

    synchronized void flushLast() {
      if (current.size() > 0) {
        emit();
      }
    }

    private void emit() {
      String line = current.toString(StandardCharsets.UTF_8);
      current.reset();
      onLine.accept(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
    }
  }
}
