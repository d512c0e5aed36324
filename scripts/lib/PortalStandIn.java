import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for the Central Portal's upload endpoint, on the loopback address, for the release
 * rehearsal (scripts/release --rehearsal): it takes {@code POST /api/v1/publisher/upload} as the
 * Portal does (a bearer token, a multipart bundle), keeps the request in DIR, and answers with a
 * deployment id; the bundle it received is DIR/upload-N.zip. Every other path is a 404. It writes its port to DIR/port and stops by itself
 * after the given number of seconds.
 *
 * <p>Run with {@code java scripts/lib/PortalStandIn.java DIR SECONDS}.
 */
public final class PortalStandIn {
  public static void main(String[] args) throws IOException, InterruptedException {
    Path dir = Path.of(args[0]);
    long seconds = Long.parseLong(args[1]);
    AtomicInteger uploads = new AtomicInteger();
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      String path = exchange.getRequestURI().getPath();
      byte[] body = exchange.getRequestBody().readAllBytes();
      String auth = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
      String answer;
      int status;
      if (!exchange.getRequestMethod().equals("POST") || !path.equals("/api/v1/publisher/upload")) {
        status = 404;
        answer = "not part of the stand-in: " + exchange.getRequestMethod() + " " + path;
      } else if (!auth.startsWith("Bearer ") && !auth.startsWith("UserToken ")) {
        status = 401;
        answer = "no token";
      } else {
        int n = uploads.incrementAndGet();
        Files.write(dir.resolve("upload-" + n + ".zip"), firstPart(body,
            String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"))));
        Files.writeString(dir.resolve("upload-" + n + ".request"), "POST " + exchange.getRequestURI() + "\n"
            + "Content-Type: " + exchange.getRequestHeaders().getFirst("Content-Type") + "\n");
        status = 201;
        answer = "rehearsal-deployment-" + n;
      }
      byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/plain");
      exchange.sendResponseHeaders(status, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    server.start();
    Files.writeString(dir.resolve("port"), Integer.toString(server.getAddress().getPort()));
    Thread.sleep(seconds * 1000);
    server.stop(0);
  }

  /** The content of the first part of a multipart/form-data body (the bundle); the whole body if not multipart. */
  static byte[] firstPart(byte[] body, String contentType) {
    int b = contentType.indexOf("boundary=");
    if (b < 0) {
      return body;
    }
    byte[] delimiter = ("\r\n--" + contentType.substring(b + 9).replace("\"", "")).getBytes(StandardCharsets.ISO_8859_1);
    int start = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0) + 4;
    int end = indexOf(body, delimiter, start);
    return start < 4 || end < 0 ? body : java.util.Arrays.copyOfRange(body, start, end);
  }

  private static int indexOf(byte[] data, byte[] what, int from) {
    outer:
    for (int i = from; i <= data.length - what.length; i++) {
      for (int j = 0; j < what.length; j++) {
        if (data[i + j] != what[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
