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
import java.util.regex.Pattern;

/**
 * Turns a container's output frames into complete lines, stdout and stderr kept apart so that a line
 * is never mixed from both; a last line without newline is delivered when the stream ends.
 *
 * <p>Bytes are joined across frames before they are decoded, so a character split between two
 * frames stays whole and a masked value split between two frames is still one value when the
 * masker sees the line. A line longer than {@link #MAX_LINE} bytes is delivered in parts, each cut
 * where no masked value crosses it.
 *
 * <p>With {@code timestamps} (a log stream read with timestamps), a frame that continues a line
 * (the previous frame of its stream did not end with a newline) loses its leading timestamp before
 * its bytes are joined: Podman prefixes every frame with one, Docker only the start of a line, so
 * the lines are the same on both engines and a value written in two parts is one value again.
 */
class LineFrames extends ResultCallback.Adapter<Frame> {
  static final int MAX_LINE = 1 << 20;
  /** The RFC 3339 timestamp and the space an engine puts before log output, as Docker and Podman write it. */
  private static final Pattern TIMESTAMP =
      Pattern.compile("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2}) ");
  private static final int TIMESTAMP_MAX = "2006-01-02T15:04:05.999999999+07:00 ".length();

  private final Map<StreamType, ByteArrayOutputStream> partial = new EnumMap<>(StreamType.class);
  /** The streams whose last frame ended inside a line (a timestamped log stream only). */
  private final Map<StreamType, Boolean> midLine = new EnumMap<>(StreamType.class);
  private final Consumer<String> onLine;
  private final Masker masker;
  private final boolean timestamps;

  LineFrames(Consumer<String> onLine) {
    this(onLine, Masker.NONE);
  }

  LineFrames(Consumer<String> onLine, Masker masker) {
    this(onLine, masker, false);
  }

  /** @param timestamps the frames are a log stream read with timestamps */
  LineFrames(Consumer<String> onLine, Masker masker, boolean timestamps) {
    this.onLine = onLine;
    this.masker = masker;
    this.timestamps = timestamps;
  }

  /**
   * How many leading bytes of a frame's payload are the engine's timestamp of a continued line (0 when
   * the frame starts a line or has none).
   */
  static int continuedTimestamp(byte[] payload, boolean continuesLine) {
    if (!continuesLine) {
      return 0;
    }
    String head = new String(payload, 0, Math.min(payload.length, TIMESTAMP_MAX), StandardCharsets.ISO_8859_1);
    var m = TIMESTAMP.matcher(head);
    return m.find() ? m.end() : 0;
  }

  @Override
  public synchronized void onNext(Frame frame) {
    ByteArrayOutputStream buffer = partial.computeIfAbsent(frame.getStreamType(), t -> new ByteArrayOutputStream());
    byte[] payload = frame.getPayload();
    int from = 0;
    if (timestamps && payload.length > 0) {
      from = continuedTimestamp(payload, midLine.getOrDefault(frame.getStreamType(), false));
      midLine.put(frame.getStreamType(), payload[payload.length - 1] != '\n');
    }
    for (int i = from; i < payload.length; i++) {
      byte b = payload[i];
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
    midLine.clear();
    super.onComplete();
  }
}
