package dev.ciservices.gitlab.internal;

import dev.ciservices.gitlab.IncludeOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Fetches included files through GitLab's REST API ({@code /api/v4/projects/:id/repository/files/:path/raw},
 * {@code /api/v4/templates/gitlab_ci_ymls/:key}) or, for {@code include: remote}, from their URL;
 * keeps each in the disk cache by its URL (which holds the ref), and reads only the cache offline.
 * The token goes in a header, never in a URL or a message.
 */
final class RemoteFiles {
  private static final int MAX_BYTES = 10 * 1024 * 1024;
  private static final String LOCAL_ONLY = "only local includes are read without a GitLab instance; give --gitlab-url"
      + " (or CI_SERVER_URL)";

  /** Why a file could not be read. */
  static final class Unavailable extends Exception {
    private static final long serialVersionUID = 1L;

    Unavailable(String reason) {
      super(reason);
    }
  }

  /** A file read, and a note when it came from the cache because the fetch failed. */
  record Fetched(String text, @Nullable String note) {}

  private final IncludeOptions options;
  private @Nullable HttpClient client;

  RemoteFiles(IncludeOptions options) {
    this.options = options;
  }

  /** {@code include: project} ({@code ref} may be null: the project's default branch). */
  Fetched projectFile(String project, String file, @Nullable String ref) throws Unavailable {
    String path = file.startsWith("/") ? file.substring(1) : file;
    return fetch(api("projects/" + encode(project) + "/repository/files/" + encode(path) + "/raw"
        + (ref == null ? "" : "?ref=" + encode(ref))), true, false);
  }

  /** {@code include: template}, e.g. {@code Jobs/SAST.gitlab-ci.yml}. */
  Fetched template(String name) throws Unavailable {
    String key = name.endsWith(".gitlab-ci.yml") ? name.substring(0, name.length() - ".gitlab-ci.yml".length()) : name;
    Fetched json = fetch(api("templates/gitlab_ci_ymls/" + encode(key)), true, true);
    Object parsed;
    try {
      parsed = new Load(LoadSettings.builder().setCodePointLimit(MAX_BYTES).build()).loadFromString(json.text());
    } catch (RuntimeException e) {
      throw new Unavailable("the templates API answered something that is not JSON");
    }
    if (!(parsed instanceof Map<?, ?> map) || !(map.get("content") instanceof String content)) {
      throw new Unavailable("the templates API answered JSON without \"content\"");
    }
    return new Fetched(content, json.note());
  }

  /**
   * The tags of the project's releases ({@code /api/v4/projects/:id/releases}, the first 100): what a
   * component's {@code ~latest} or partial version is chosen from.
   */
  List<String> releaseTags(String project) throws Unavailable {
    Fetched json = fetch(api("projects/" + encode(project) + "/releases?per_page=100"), true, true);
    Object parsed;
    try {
      parsed = new Load(LoadSettings.builder().setCodePointLimit(MAX_BYTES).build()).loadFromString(json.text());
    } catch (RuntimeException e) {
      throw new Unavailable("the releases API answered something that is not JSON");
    }
    if (!(parsed instanceof List<?> releases)) {
      throw new Unavailable("the releases API answered JSON that is not a list of releases");
    }
    List<String> tags = new ArrayList<>();
    for (Object release : releases) {
      if (release instanceof Map<?, ?> map && map.get("tag_name") instanceof String tag) {
        tags.add(tag);
      }
    }
    return tags;
  }

  /** {@code include: remote}: the URL itself, without the token. */
  Fetched remote(String url) throws Unavailable {
    if (options.gitlabUrl().isEmpty()) {
      throw new Unavailable(LOCAL_ONLY);
    }
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new Unavailable("\"" + url + "\" is not a URL");
    }
    return fetch(uri, false, false);
  }

  private URI api(String path) throws Unavailable {
    URI base = options.gitlabUrl().orElseThrow(() -> new Unavailable(LOCAL_ONLY));
    String b = base.toString().endsWith("/") ? base.toString() : base + "/";
    return URI.create(b + "api/v4/" + path);
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private Fetched fetch(URI uri, boolean withToken, boolean json) throws Unavailable {
    Path cached = cacheFile(uri);
    if (options.isOffline()) {
      if (cached != null && Files.isRegularFile(cached)) {
        return new Fetched(read(cached), null);
      }
      throw new Unavailable("--offline, and it is not in the cache" + (cached == null ? " (no cache directory)" : ""));
    }
    String text;
    try {
      text = get(uri, withToken, json);
    } catch (Unavailable e) {
      if (cached != null && Files.isRegularFile(cached)) {
        return new Fetched(read(cached), "fetching it failed (" + e.getMessage() + "); the cached copy is used");
      }
      throw e;
    }
    if (cached != null) {
      write(cached, text);
    }
    return new Fetched(text, null);
  }

  private String get(URI uri, boolean withToken, boolean json) throws Unavailable {
    if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
      throw new Unavailable("only http and https URLs can be fetched");
    }
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(options.timeout()).GET()
        .header("Accept", json ? "application/json" : "*/*");
    if (withToken && options.token().isPresent()) {
      request.header(options.jobToken() ? "JOB-TOKEN" : "PRIVATE-TOKEN", options.token().get());
    }
    HttpResponse<InputStream> response;
    try {
      response = client().send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw new Unavailable("cannot reach " + uri.getScheme() + "://" + uri.getAuthority() + ": " + reason(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unavailable("interrupted");
    }
    try (InputStream body = response.body()) {
      byte[] bytes = body.readNBytes(MAX_BYTES + 1);
      int status = response.statusCode();
      if (status == 401 || status == 403) {
        throw new Unavailable("HTTP " + status + (options.token().isPresent()
            ? ": the token cannot read it" : ": it needs a token; give --token, GITLAB_TOKEN or CI_JOB_TOKEN"));
      }
      if (status == 404) {
        throw new Unavailable("HTTP 404: no such " + (withToken ? "project, file or ref (or the token cannot see it)"
            : "file"));
      }
      if (status != 200) {
        throw new Unavailable("HTTP " + status);
      }
      if (bytes.length > MAX_BYTES) {
        throw new Unavailable("it is larger than " + MAX_BYTES / (1024 * 1024) + " MB");
      }
      return utf8(bytes, "the answer");
    } catch (IOException e) {
      throw new Unavailable("reading the answer failed: " + e.getMessage());
    }
  }

  /**
   * The first message in the cause chain, after the exception's simple name: the JDK's client often
   * throws a {@code ConnectException} without a message around one that has it.
   */
  static String reason(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String message = t.getMessage();
      if (message != null && !message.isBlank()) {
        return t.getClass().getSimpleName() + ": " + message.strip();
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return e instanceof java.net.ConnectException
        ? "no connection (ConnectException: refused, unreachable, or no network here)"
        : e.getClass().getSimpleName() + " (no detail)";
  }

  private synchronized HttpClient client() {
    if (client == null) {
      client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(options.timeout())
          .followRedirects(HttpClient.Redirect.NORMAL).build();
    }
    return client;
  }

  private @Nullable Path cacheFile(URI uri) {
    return options.cacheDir().map(dir -> dir.resolve(sha256(uri.toString()) + ".yml")).orElse(null);
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The cached copy, read no further than the size limit (Limits checks the file's own limit after). */
  private static String read(Path file) throws Unavailable {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_BYTES + 1);
    } catch (IOException e) {
      throw new Unavailable("the cached copy cannot be read: " + e.getMessage());
    }
    if (bytes.length > MAX_BYTES) {
      throw new Unavailable("the cached copy is larger than " + MAX_BYTES / (1024 * 1024) + " MB");
    }
    return utf8(bytes, "the cached copy");
  }

  private static String utf8(byte[] bytes, String what) throws Unavailable {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new Unavailable(what + " is not UTF-8 text");
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = Files.createTempFile(file.getParent(), "include", ".tmp");
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      // a cache that cannot be written only costs a fetch next time
    }
  }
}
