package dev.ciservices.kubernetes.internal;

import io.fabric8.mockwebserver.internal.WebSocketMessage;
import java.nio.charset.StandardCharsets;

/**
 * Frames of the exec protocol (v4.channel.k8s.io: channel 1 stdout, 3 status), each sent a given
 * number of milliseconds after the socket opens. fabric8's own message classes are sent at once,
 * which lets the mock's close overtake the status.
 */
final class ExecFrames {
  private ExecFrames() {}

  static WebSocketMessage stdout(long afterMillis, String text) {
    return frame(afterMillis, (byte) 1, text);
  }

  static WebSocketMessage exit(long afterMillis, int code) {
    String status = code == 0 ? "{\"metadata\":{},\"status\":\"Success\"}"
        : "{\"metadata\":{},\"status\":\"Failure\",\"reason\":\"NonZeroExitCode\",\"details\":{\"causes\":"
            + "[{\"reason\":\"ExitCode\",\"message\":\"" + code + "\"}]}}";
    return frame(afterMillis, (byte) 3, status);
  }

  private static WebSocketMessage frame(long afterMillis, byte channel, String text) {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    byte[] bytes = new byte[body.length + 1];
    bytes[0] = channel;
    System.arraycopy(body, 0, bytes, 1, body.length);
    return new WebSocketMessage(afterMillis, bytes, true, true);
  }
}
