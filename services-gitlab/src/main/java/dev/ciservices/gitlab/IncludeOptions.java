package dev.ciservices.gitlab;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where {@code include: remote}, {@code project}, {@code template} and {@code component} are fetched
 * from: the GitLab instance (its REST API), the token sent to it, the disk cache, and whether to use
 * only the cache. Without a GitLab URL such includes cannot be read, and the file is read without
 * them (the jobs that need them are reported). {@link #toString()} never shows the token.
 */
public final class IncludeOptions {
  private final @Nullable URI gitlabUrl;
  private final @Nullable String token;
  private final boolean jobToken;
  private final @Nullable Path cacheDir;
  private final boolean offline;
  private final Duration timeout;

  private IncludeOptions(@Nullable URI gitlabUrl, @Nullable String token, boolean jobToken, @Nullable Path cacheDir,
      boolean offline, Duration timeout) {
    this.gitlabUrl = gitlabUrl;
    this.token = token;
    this.jobToken = jobToken;
    this.cacheDir = cacheDir;
    this.offline = offline;
    this.timeout = timeout;
  }

  /** Only local includes: every other kind is reported as not read. */
  public static IncludeOptions localOnly() {
    return new IncludeOptions(null, null, false, null, false, Duration.ofSeconds(30));
  }

  /** Fetches from this GitLab instance, e.g. {@code https://gitlab.com}, without a token and without a cache. */
  public static IncludeOptions gitlab(URI gitlabUrl) {
    String url = gitlabUrl.toString();
    if (!url.startsWith("https://") && !url.startsWith("http://")) {
      throw new IllegalArgumentException("GitLab URL \"" + url + "\" must start with https:// or http://, e.g."
          + " https://gitlab.com");
    }
    return new IncludeOptions(gitlabUrl, null, false, null, false, Duration.ofSeconds(30));
  }

  /** These options with a personal, project or group access token, sent as {@code PRIVATE-TOKEN}. */
  public IncludeOptions withToken(String token) {
    return new IncludeOptions(gitlabUrl, token.isEmpty() ? null : token, false, cacheDir, offline, timeout);
  }

  /** These options with a CI job token ({@code CI_JOB_TOKEN}), sent as {@code JOB-TOKEN}. */
  public IncludeOptions withJobToken(String token) {
    return new IncludeOptions(gitlabUrl, token.isEmpty() ? null : token, true, cacheDir, offline, timeout);
  }

  /** These options with fetched files kept in {@code dir}, by URL and ref. */
  public IncludeOptions withCache(Path dir) {
    return new IncludeOptions(gitlabUrl, token, jobToken, dir, offline, timeout);
  }

  /** These options reading only the cache: nothing is fetched. */
  public IncludeOptions offline(boolean offline) {
    return new IncludeOptions(gitlabUrl, token, jobToken, cacheDir, offline, timeout);
  }

  /** These options with another time limit per request (default 30 s). */
  public IncludeOptions withTimeout(Duration timeout) {
    return new IncludeOptions(gitlabUrl, token, jobToken, cacheDir, offline, timeout);
  }

  /** The GitLab instance, if one is given. */
  public Optional<URI> gitlabUrl() {
    return Optional.ofNullable(gitlabUrl);
  }

  /** The token, if one is given. */
  public Optional<String> token() {
    return Optional.ofNullable(token);
  }

  /** Whether the token is a CI job token. */
  public boolean jobToken() {
    return jobToken;
  }

  /** The cache directory, if any. */
  public Optional<Path> cacheDir() {
    return Optional.ofNullable(cacheDir);
  }

  /** Whether only the cache is read. */
  public boolean isOffline() {
    return offline;
  }

  /** The time limit of each request. */
  public Duration timeout() {
    return timeout;
  }

  @Override
  public String toString() {
    return "IncludeOptions{gitlab=" + gitlabUrl + ", token=" + (token == null ? "none" : "[MASKED]")
        + ", cache=" + cacheDir + ", offline=" + offline + "}";
  }
}
