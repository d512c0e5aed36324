package dev.ciservices.docker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.transport.DockerHttpClient;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A request with registry credentials goes on its own connection, everything else to docker-java's transport. */
class CredentialSafeHttpClientTest {
  private final List<DockerHttpClient.Request> delegated = new ArrayList<>();
  private final DockerHttpClient delegate = new DockerHttpClient() {
    @Override
    public Response execute(Request request) {
      delegated.add(request);
      return null;
    }

    @Override
    public void close() {}
  };

  /** Answers one connection with this response and returns the request's bytes. */
  private static CompletableFuture<String> server(ServerSocket socket, String response) {
    return CompletableFuture.supplyAsync(() -> {
      try (Socket s = socket.accept()) {
        InputStream in = s.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
          head.write(in.read());
        }
        OutputStream out = s.getOutputStream();
        out.write(response.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return head.toString(StandardCharsets.ISO_8859_1);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }

  private static DockerHttpClient.Request pull() {
    return DockerHttpClient.Request.builder().method(DockerHttpClient.Request.Method.POST)
        .path("/v1.41/images/create?fromImage=r%2Fx&tag=1").putHeader("X-Registry-Auth", "eyJ1c2VybmFtZSI6InUifQ==")
        .build();
  }

  @Test
  void aPullWithCredentialsGoesOnItsOwnConnectionAndAChunkedAnswerIsDecoded() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CompletableFuture<String> request = server(socket, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
          + "Transfer-Encoding: chunked\r\n\r\n5\r\n{\"a\":\r\n4;ext=1\r\n1}\n\n\r\n0\r\nX-Trailer: t\r\n\r\n");
      int port = socket.getLocalPort();
      CredentialSafeHttpClient client = new CredentialSafeHttpClient(delegate, URI.create("tcp://127.0.0.1:" + port),
          null, Duration.ofSeconds(5));
      try (DockerHttpClient.Response response = client.execute(pull())) {
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeader("content-type")).isEqualTo("application/json");
        assertThat(new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}\n\n");
      }
      assertThat(request.get(5, TimeUnit.SECONDS)).isEqualTo("POST /v1.41/images/create?fromImage=r%2Fx&tag=1 HTTP/1.1\r\n"
          + "Host: 127.0.0.1:" + port + "\r\nX-Registry-Auth: eyJ1c2VybmFtZSI6InUifQ==\r\nContent-Length: 0\r\n"
          + "Connection: close\r\n\r\n");
      assertThat(delegated).isEmpty();
    }
  }

  @Test
  void anErrorAnswerWithALengthIsReadToItsLength() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      server(socket, "HTTP/1.1 404 Not Found\r\nContent-Length: 26\r\n\r\n{\"message\":\"no such repo\"}and more");
      CredentialSafeHttpClient client = new CredentialSafeHttpClient(delegate,
          URI.create("tcp://127.0.0.1:" + socket.getLocalPort()), null, Duration.ofSeconds(5));
      try (DockerHttpClient.Response response = client.execute(pull())) {
        assertThat(response.getStatusCode()).isEqualTo(404);
        assertThat(new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8))
            .isEqualTo("{\"message\":\"no such repo\"}");
      }
    }
  }

  @Test
  void aStreamedBodyIsSentInChunksAsItIsRead() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CompletableFuture<String> request = CompletableFuture.supplyAsync(() -> {
        try (Socket s = socket.accept()) {
          InputStream in = s.getInputStream();
          ByteArrayOutputStream all = new ByteArrayOutputStream();
          while (!all.toString(StandardCharsets.ISO_8859_1).endsWith("0\r\n\r\n")) {
            all.write(in.read());
          }
          s.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
          return all.toString(StandardCharsets.ISO_8859_1);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      CredentialSafeHttpClient client = new CredentialSafeHttpClient(delegate,
          URI.create("tcp://127.0.0.1:" + socket.getLocalPort()), null, Duration.ofSeconds(5));
      DockerHttpClient.Request build = DockerHttpClient.Request.builder().method(DockerHttpClient.Request.Method.POST)
          .path("/v1.41/build").putHeader("X-Registry-Config", "e30=")
          .body(new java.io.ByteArrayInputStream("context".getBytes(StandardCharsets.UTF_8))).build();
      try (DockerHttpClient.Response response = client.execute(build)) {
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getBody().readAllBytes()).isEmpty();
      }
      assertThat(request.get(5, TimeUnit.SECONDS)).endsWith("X-Registry-Config: e30=\r\nTransfer-Encoding: chunked\r\n"
          + "Connection: close\r\n\r\n7\r\ncontext\r\n0\r\n\r\n");
    }
  }

  @Test
  void requestsWithoutCredentialsAndNamedPipesGoToDockerJavasTransport() {
    CredentialSafeHttpClient unix = new CredentialSafeHttpClient(delegate, URI.create("unix:///var/run/docker.sock"), null,
        Duration.ofSeconds(5));
    DockerHttpClient.Request version = DockerHttpClient.Request.builder().method(DockerHttpClient.Request.Method.GET)
        .path("/version").build();
    unix.execute(version);
    CredentialSafeHttpClient pipe = new CredentialSafeHttpClient(delegate, URI.create("npipe:////./pipe/docker_engine"),
        null, Duration.ofSeconds(5));
    assertThat(pipe.sendsItself(pull())).isFalse();
    assertThat(unix.sendsItself(pull())).isTrue();
    assertThat(delegated).containsExactly(version);
  }
}
