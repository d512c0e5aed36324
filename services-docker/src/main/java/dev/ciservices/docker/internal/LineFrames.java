package dev.ciservices.docker.internal;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns a container's output frames into complete lines, stdout and stderr kept apart so that a line
 * is never mixed from both; a last line without newline is delivered when the stream ends.
 */
class LineFrames extends ResultCallback.Adapter<Frame> {
  private final Map<StreamType, StringBuilder> partial = new EnumMap<>(StreamType.class);
  private final Consumer<String> onLine;

  LineFrames(Consumer<String> onLine) {
    this.onLine = onLine;
  }

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
}
