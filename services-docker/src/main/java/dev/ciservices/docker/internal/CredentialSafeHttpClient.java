package dev.ciservices.docker.internal;

import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.transport.SSLConfig;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.jspecify.annotations.Nullable;

/**
 * The Docker transport with one difference: a request that carries registry credentials ({@code
 * X-Registry-Auth}, {@code X-Registry-Config}: base64 JSON holding the password) does not go through
 * docker-java's transport, whose HTTP client (httpclient5, shaded in zerodep) logs every request
 * header to {@code com.github.dockerjava.zerodep.shaded.org.apache.hc.client5.http.headers} and
 * every byte to {@code ...http.wire} at DEBUG. It is sent on a connection of its own, HTTP/1.1 with
 * {@code Connection: close}, by code that logs nothing, so no logger ever receives the credential.
 * Everything else goes to the delegate. Over a Windows named pipe there is no such connection: the
 * delegate is used, and the README says so. Thread-safe.
 */
final class CredentialSafeHttpClient implements DockerHttpClient {
  private static final List<String> CREDENTIAL_HEADERS = List.of("x-registry-auth", "x-registry-config");
  private static final int MAX_HEAD = 64 * 1024;
  private static final byte[] CRLF = {'\r', '\n'};

  private final DockerHttpClient delegate;
  private final URI dockerHost;
  private final @Nullable SSLContext ssl;
  private final Duration connectTimeout;

  CredentialSafeHttpClient(DockerHttpClient delegate, URI dockerHost, @Nullable SSLConfig sslConfig,
      Duration connectTimeout) {
    this.delegate = delegate;
    this.dockerHost = dockerHost;
    this.connectTimeout = connectTimeout;
    try {
      this.ssl = sslConfig == null ? null : sslConfig.getSSLContext();
    } catch (Exception e) {
      throw new IllegalStateException("cannot read the engine's TLS configuration: " + e.getMessage(), e);
    }
  }

  /** Whether this request is sent on its own connection: it carries credentials and this transport can. */
  boolean sendsItself(Request request) {
    if (request.hijackedInput() != null || "npipe".equals(dockerHost.getScheme())) {
      return false;
    }
    return request.headers().keySet().stream().anyMatch(h -> CREDENTIAL_HEADERS.contains(h.toLowerCase(Locale.ROOT)));
  }

  @Override
  public Response execute(Request request) {
    if (!sendsItself(request)) {
      return delegate.execute(request);
    }
    try {
      return exchange(request);
    } catch (IOException e) {
      throw new UncheckedIOException(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
    }
  }

  @Override
  public void close() throws IOException {
    delegate.close();
  }

  private Response exchange(Request request) throws IOException {
    Connection c = connect();
    boolean ok = false;
    try {
      byte[] bytes = request.bodyBytes();
      InputStream stream = bytes == null ? request.body() : null;
      c.out.write(head(request, bytes != null ? bytes.length : stream == null ? 0 : -1)
          .getBytes(StandardCharsets.ISO_8859_1));
      if (bytes != null) {
        c.out.write(bytes);
      } else if (stream != null) {
        // a stream (a build context) is sent as it is read, in chunks, never held whole
        try (stream) {
          byte[] buffer = new byte[64 * 1024];
          for (int n; (n = stream.read(buffer)) >= 0; ) {
            if (n > 0) {
              c.out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
              c.out.write(buffer, 0, n);
              c.out.write(CRLF);
            }
          }
        }
        c.out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      }
      c.out.flush();
      PlainResponse response = PlainResponse.read(c);
      ok = true;
      return response;
    } finally {
      if (!ok) {
        c.close();
      }
    }
  }

  /** The request line and headers; a negative length means a chunked body. */
  private String head(Request request, int contentLength) {
    String prefix = "";
    String host = "localhost:2375";
    if ("tcp".equals(dockerHost.getScheme()) || "http".equals(dockerHost.getScheme())
        || "https".equals(dockerHost.getScheme())) {
      String path = dockerHost.getRawPath() == null ? "" : dockerHost.getRawPath();
      prefix = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
      host = dockerHost.getHost() + ":" + dockerHost.getPort();
    }
    StringBuilder head = new StringBuilder(request.method()).append(' ').append(prefix).append(request.path())
        .append(" HTTP/1.1\r\nHost: ").append(host).append("\r\n");
    for (Map.Entry<String, String> h : request.headers().entrySet()) {
      String name = h.getKey().toLowerCase(Locale.ROOT);
      if (!name.equals("host") && !name.equals("connection") && !name.equals("content-length")
          && !name.equals("transfer-encoding")) {
        head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
      }
    }
    head.append(contentLength < 0 ? "Transfer-Encoding: chunked" : "Content-Length: " + contentLength)
        .append("\r\nConnection: close\r\n\r\n");
    return head.toString();
  }

  private Connection connect() throws IOException {
    switch (String.valueOf(dockerHost.getScheme())) {
      case "unix" -> {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
          channel.connect(UnixDomainSocketAddress.of(dockerHost.getPath()));
        } catch (IOException e) {
          channel.close();
          throw e;
        }
        return new Connection(Channels.newInputStream(channel), Channels.newOutputStream(channel), channel);
      }
      case "tcp", "http", "https" -> {
        Socket socket = new Socket();
        try {
          socket.connect(new InetSocketAddress(dockerHost.getHost(), dockerHost.getPort()),
              (int) connectTimeout.toMillis());
          if (ssl != null) {
            SSLSocket tls = (SSLSocket) ssl.getSocketFactory().createSocket(socket, dockerHost.getHost(),
                dockerHost.getPort(), true);
            SSLParameters parameters = tls.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            tls.setSSLParameters(parameters);
            tls.startHandshake();
            socket = tls;
          }
        } catch (IOException e) {
          socket.close();
          throw e;
        }
        return new Connection(socket.getInputStream(), socket.getOutputStream(), socket);
      }
      default -> throw new IOException("cannot send registry credentials over " + dockerHost);
    }
  }

  /** One connection's streams and what closes it. */
  private record Connection(InputStream in, OutputStream out, java.io.Closeable closeable) implements java.io.Closeable {
    @Override
    public void close() {
      try {
        closeable.close();
      } catch (IOException ignored) {
        // closing a connection whose answer was read or abandoned
      }
    }
  }

  /** A response read from its own connection; closing it closes the connection. */
  private static final class PlainResponse implements Response {
    private final int status;
    private final Map<String, List<String>> headers;
    private final InputStream body;
    private final Connection connection;

    private PlainResponse(int status, Map<String, List<String>> headers, InputStream body, Connection connection) {
      this.status = status;
      this.headers = headers;
      this.body = body;
      this.connection = connection;
    }

    static PlainResponse read(Connection c) throws IOException {
      InputStream in = new java.io.BufferedInputStream(c.in);
      int[] budget = {MAX_HEAD};
      String statusLine = line(in, budget);
      // "HTTP/1.1 200 OK"; a 1xx answer is followed by the real one
      int status = status(statusLine);
      Map<String, List<String>> headers = headers(in, budget);
      while (status >= 100 && status < 200) {
        statusLine = line(in, budget);
        status = status(statusLine);
        headers = headers(in, budget);
      }
      InputStream body;
      String encoding = first(headers, "Transfer-Encoding");
      String length = first(headers, "Content-Length");
      if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
        body = new Chunked(in);
      } else if (length != null) {
        body = new Bounded(in, Long.parseLong(length.trim()));
      } else {
        body = in;
      }
      return new PlainResponse(status, headers, body, c);
    }

    private static int status(String line) throws IOException {
      String[] parts = line.split(" ", 3);
      if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
        throw new IOException("the engine answered no HTTP status line");
      }
      try {
        return Integer.parseInt(parts[1]);
      } catch (NumberFormatException e) {
        throw new IOException("the engine answered no HTTP status line");
      }
    }

    private static Map<String, List<String>> headers(InputStream in, int[] budget) throws IOException {
      Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      for (String line = line(in, budget); !line.isEmpty(); line = line(in, budget)) {
        int colon = line.indexOf(':');
        if (colon > 0) {
          headers.computeIfAbsent(line.substring(0, colon).trim(), k -> new ArrayList<>())
              .add(line.substring(colon + 1).trim());
        }
      }
      return headers;
    }

    private static @Nullable String first(Map<String, List<String>> headers, String name) {
      List<String> values = headers.get(name);
      return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** A CRLF-terminated line, without its end. */
    static String line(InputStream in, int[] budget) throws IOException {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      for (int b = in.read(); b != '\n'; b = in.read()) {
        if (b < 0) {
          throw new EOFException("the engine closed the connection in the middle of its answer");
        }
        if (--budget[0] < 0) {
          throw new IOException("the engine's answer has a head longer than " + MAX_HEAD + " bytes");
        }
        line.write(b);
      }
      String s = line.toString(StandardCharsets.ISO_8859_1);
      return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    @Override
    public int getStatusCode() {
      return status;
    }

    @Override
    public Map<String, List<String>> getHeaders() {
      return headers;
    }

    @Override
    public @Nullable String getHeader(String name) {
      return first(headers, name);
    }

    @Override
    public InputStream getBody() {
      return body;
    }

    @Override
    public void close() {
      connection.close();
    }
  }

  /** A body of a known length. */
  private static final class Bounded extends FilterInputStream {
    private long left;

    Bounded(InputStream in, long length) {
      super(in);
      this.left = length;
    }

    @Override
    public int read() throws IOException {
      if (left <= 0) {
        return -1;
      }
      int b = in.read();
      if (b >= 0) {
        left--;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (left <= 0) {
        return -1;
      }
      int n = in.read(b, off, (int) Math.min(len, left));
      if (n > 0) {
        left -= n;
      }
      return n;
    }
  }

  /** A chunked body (RFC 9112 7.1), decoded; trailers are skipped. */
  static final class Chunked extends FilterInputStream {
    private long left;
    private boolean done;

    Chunked(InputStream in) {
      super(in);
    }

    private boolean next() throws IOException {
      if (done) {
        return false;
      }
      if (left == 0) {
        int[] budget = {MAX_HEAD};
        String size = PlainResponse.line(in, budget);
        int semicolon = size.indexOf(';');
        try {
          left = Long.parseLong((semicolon >= 0 ? size.substring(0, semicolon) : size).trim(), 16);
        } catch (NumberFormatException e) {
          throw new IOException("the engine sent a malformed chunk size");
        }
        if (left == 0) {
          while (!PlainResponse.line(in, budget).isEmpty()) {
            // trailer fields
          }
          done = true;
          return false;
        }
      }
      return true;
    }

    private void endOfChunk() throws IOException {
      if (left == 0) {
        PlainResponse.line(in, new int[] {2});
      }
    }

    @Override
    public int read() throws IOException {
      if (!next()) {
        return -1;
      }
      int b = in.read();
      if (b < 0) {
        throw new EOFException("the engine closed the connection in the middle of a chunk");
      }
      left--;
      endOfChunk();
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      if (!next()) {
        return -1;
      }
      int n = in.read(b, off, (int) Math.min(len, left));
      if (n < 0) {
        throw new EOFException("the engine closed the connection in the middle of a chunk");
      }
      left -= n;
      endOfChunk();
      return n;
    }

    @Override
    public int available() throws IOException {
      return done ? 0 : (int) Math.min(left, in.available());
    }
  }
}
