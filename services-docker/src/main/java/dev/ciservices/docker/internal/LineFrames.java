package dev.ciservices.docker.internal;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import dev.ciservices.internal.Masker;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns a container's output frames into complete lines, stdout and stderr kept apart so that a line
 * is never mixed from both; a last line without newline is delivered when the stream ends.
 *
 * <p>Bytes are joined across frames before they are decoded, so a character split between two
 * frames stays whole and a masked value split between two frames is still one value when the
 * masker sees the line. A line longer than {@link #MAX_LINE} bytes is delivered in parts, each cut
 * where no masked value crosses it.
 */
class LineFrames extends ResultCallback.Adapter<Frame> {
  static final int MAX_LINE = 1 << 20;

  private final Map<StreamType, ByteArrayOutputStream> partial = new EnumMap<>(StreamType.class);
  private final Consumer<String> onLine;
  private final Masker masker;

  LineFrames(Consumer<String> onLine) {
    this(onLine, Masker.NONE);
  }

  LineFrames(Consumer<String> onLine, Masker masker) {
    this.onLine = onLine;
    this.masker = masker;
  }

  @Override
  public synchronized void onNext(Frame frame) {
    ByteArrayOutputStream buffer = partial.computeIfAbsent(frame.getStreamType(), t -> new ByteArrayOutputStream());
    for (byte b : frame.getPayload()) {
      if (b == '\n') {
        onLine.accept(buffer.toString(StandardCharsets.UTF_8));
        buffer.reset();
      } else {
        buffer.write(b);
        if (buffer.size() > MAX_LINE) {
          flushPart(buffer);
        }
      }
    }
  }

  /** Delivers the start of an over-long line: whole characters, cut where no masked value crosses. */
  private void flushPart(ByteArrayOutputStream buffer) {
    byte[] bytes = buffer.toByteArray();
    int end = bytes.length;
    while (end > 0 && (bytes[end - 1] & 0xC0) == 0x80) {
      end--;
    }
    if (end > 0 && (bytes[end - 1] & 0x80) != 0) {
      end--; // the lead byte of an unfinished character
    }
    String text = new String(bytes, 0, end, StandardCharsets.UTF_8);
    int cut = masker.safeCut(text);
    onLine.accept(text.substring(0, cut));
    buffer.reset();
    byte[] rest = text.substring(cut).getBytes(StandardCharsets.UTF_8);
    buffer.write(rest, 0, rest.length);
    buffer.write(bytes, end, bytes.length - end);
  }

  @Override
  public synchronized void onComplete() {
    partial.values().stream().filter(b -> b.size() > 0).forEach(b -> onLine.accept(b.toString(StandardCharsets.UTF_8)));
    partial.clear();
    super.onComplete();
  }
}
