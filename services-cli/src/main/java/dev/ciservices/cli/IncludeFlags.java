package dev.ciservices.cli;

import dev.ciservices.Variable;
import dev.ciservices.Variables;
import dev.ciservices.gitlab.CheckoutVariables;
import dev.ciservices.gitlab.GitLabCiFile;
import dev.ciservices.gitlab.IncludeOptions;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** How {@code include: remote/project/template/component} are fetched: the GitLab instance, the token, the cache. */
final class IncludeFlags {
  @Option(names = "--gitlab-url", paramLabel = "<url>", description = "The GitLab instance that remote, project,"
      + " template and component includes come from (default: CI_SERVER_URL, given or derived from the origin remote).")
  @Nullable String gitlabUrl;

  @Option(names = "--token", paramLabel = "<token>", description = "A token that can read the included projects"
      + " (default: GITLAB_TOKEN, then CI_JOB_TOKEN); never printed.")
  @Nullable String token;

  @Option(names = "--offline", description = "Read included files only from the cache; fetch nothing.")
  boolean offline;

  @Option(names = "--cache-dir", paramLabel = "<dir>", description = "Where fetched includes are kept (default:"
      + " $XDG_CACHE_HOME/ci-services/includes or ~/.cache/ci-services/includes).")
  @Nullable Path cacheDir;

  /** Reads the file with these include settings; {@code given} are the --var/--secret variables. */
  GitLabCiFile read(Path file, List<Variable> given) {
    return GitLabCiFile.read(file, options(file, given, System.getenv()));
  }

  IncludeOptions options(Path file, List<Variable> given, Map<String, String> env) {
    String url = gitlabUrl;
    if (url == null) {
      url = Variables.lastValue("CI_SERVER_URL", given);
    }
    if (url == null) {
      url = env.get("CI_SERVER_URL");
    }
    if (url == null) {
      Path dir = file.toAbsolutePath().getParent();
      if (dir != null && Files.isDirectory(dir)) {
        Map<String, String> values = new LinkedHashMap<>();
        given.forEach(v -> values.put(v.key(), v.value()));
        url = CheckoutVariables.variables(CheckoutVariables.derive(dir, values).derived()).stream()
            .filter(v -> v.key().equals("CI_SERVER_URL")).map(Variable::value).findFirst().orElse(null);
      }
    }
    IncludeOptions options = url == null || url.isBlank() ? IncludeOptions.localOnly()
        : IncludeOptions.gitlab(URI.create(url));
    if (token != null) {
      options = options.withToken(token);
    } else if (env.get("GITLAB_TOKEN") != null) {
      options = options.withToken(env.get("GITLAB_TOKEN"));
    } else if (env.get("CI_JOB_TOKEN") != null) {
      options = options.withJobToken(env.get("CI_JOB_TOKEN"));
    }
    return options.withCache(cacheDir != null ? cacheDir : defaultCache(env)).offline(offline);
  }

  private static Path defaultCache(Map<String, String> env) {
    String xdg = env.get("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("ci-services").resolve("includes");
  }
}
