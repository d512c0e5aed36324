package dev.ciservices.junit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/** What inner test classes saw, for their enclosing test to assert: container ids, in order. */
final class Seen {
  private static final List<String> IDS = new CopyOnWriteArrayList<>();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private Seen() {}

  static void clear() {
    IDS.clear();
  }

  static void container(String id) {
    IDS.add(id);
  }

  static List<String> containers() {
    return List.copyOf(IDS);
  }

  static Set<String> distinctContainers() {
    return IDS.stream().collect(Collectors.toSet());
  }

  /** {@code GET /health} of a {@code ci-services/http-api} service through its published port. */
  static String health(ServiceHandle api) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(api.uri("http", 8080) + "/health"))
        .timeout(Duration.ofSeconds(5)).build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body().strip();
  }
}
