package dev.ciservices.gitlab;

import dev.ciservices.Variable;
import dev.ciservices.gitlab.internal.Git;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * GitLab's predefined variables for a local checkout, derived the way GitLab defines each one from
 * the commit at {@code HEAD}, its branch or tag, and the {@code origin} remote: {@code
 * CI_COMMIT_SHA}, {@code CI_COMMIT_REF_SLUG}, {@code CI_PROJECT_PATH}, {@code CI_REGISTRY_IMAGE},
 * {@code CI_SERVER_URL} and the others. Each value says where it came from. A value given by the
 * user (an override) is not derived, and the values that follow from it use it: {@code
 * CI_COMMIT_REF_NAME=release/1.0} gives {@code CI_COMMIT_REF_SLUG=release-1-0}.
 *
 * <p>Credentials in the remote's URL are never part of a value or a source. Immutable.
 */
public final class CheckoutVariables {
  /** A job's {@code stage} when it sets none, as in GitLab. */
  public static final String DEFAULT_STAGE = "test";

  private static final Pattern SCP_LIKE = Pattern.compile("(?:[^@/]+@)?([^:/]+):(?!//)(.+)");
  private static final Pattern PROJECT_PATH = Pattern.compile("[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)+");

  /**
   * A derived variable and where its value came from, e.g. {@code git rev-parse HEAD}.
   *
   * @param variable the predefined variable
   * @param source how it was derived
   */
  public record Derived(Variable variable, String source) {}

  private final List<Derived> derived;
  private final String projectPath;

  private CheckoutVariables(List<Derived> derived, String projectPath) {
    this.derived = List.copyOf(derived);
    this.projectPath = projectPath;
  }

  /**
   * Derives the variables of the checkout that holds {@code dir}.
   *
   * @param given the variables the user set (e.g. {@code --var}), which are not derived and which
   *     the derived ones follow
   */
  public static CheckoutVariables derive(Path dir, Map<String, String> given) {
    return new Derivation(dir, given).run();
  }

  /** The derived variables in a stable order, without those the user gave. */
  public List<Derived> derived() {
    return derived;
  }

  /** The derived variables, with the job's {@code CI_JOB_NAME}, {@code CI_JOB_NAME_SLUG} and {@code CI_JOB_STAGE}. */
  public List<Derived> forJob(String jobName, String stage, Map<String, String> given) {
    List<Derived> all = new ArrayList<>(derived);
    add(all, given, "CI_JOB_NAME", jobName, "the job's name");
    add(all, given, "CI_JOB_NAME_SLUG", slug(jobName), "CI_JOB_NAME, slugified");
    add(all, given, "CI_JOB_STAGE", stage, stage.equals(DEFAULT_STAGE) ? "the job's stage (test when it sets none)"
        : "the job's stage");
    return List.copyOf(all);
  }

  /** The derived variables as variables, in order. */
  public static List<Variable> variables(List<Derived> derived) {
    return derived.stream().map(Derived::variable).toList();
  }

  /** {@code CI_PROJECT_PATH}, e.g. {@code gitlab-org/gitlab-runner}: a valid {@code JobSpec} project path. */
  public String projectPath() {
    return projectPath;
  }

  /**
   * GitLab's slug ({@code Gitlab::Utils.slugify}): lower case, every character but {@code a-z} and
   * {@code 0-9} replaced by {@code -}, at most 63 characters, no leading or trailing {@code -}.
   */
  public static String slug(String text) {
    String s = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "-");
    if (s.length() > 63) {
      s = s.substring(0, 63);
    }
    return s.replaceAll("^-+|-+$", "");
  }

  private static void add(List<Derived> out, Map<String, String> given, String key, String value, String source) {
    if (!given.containsKey(key)) {
      out.add(new Derived(Variable.of(key, value), source));
    }
  }

  /** One derivation: reads git once, then applies GitLab's definitions. */
  private static final class Derivation {
    private final Path dir;
    private final Map<String, String> given;
    private final List<Derived> out = new ArrayList<>();

    Derivation(Path dir, Map<String, String> given) {
      this.dir = dir.toAbsolutePath().normalize();
      this.given = Map.copyOf(given);
    }

    private String value(String key, String derivedValue, String source) {
      String user = given.get(key);
      if (user != null) {
        return user;
      }
      out.add(new Derived(Variable.of(key, derivedValue), source));
      return derivedValue;
    }

    private @Nullable String valueOrNothing(String key, @Nullable String derivedValue, String source) {
      if (given.containsKey(key)) {
        return given.get(key);
      }
      return derivedValue == null ? null : value(key, derivedValue, source);
    }

    CheckoutVariables run() {
      Git git = Git.at(dir);
      Path top = git.topLevel();
      String dirName = (top != null ? top : dir).getFileName() == null ? "project"
          : (top != null ? top : dir).getFileName().toString();
      String noGit = top == null ? " (no git checkout here: " + git.problem() + ")" : "";

      Remote remote = top == null ? null : Remote.parse(git.output("remote", "get-url", "origin"));
      String fallbackPath = "local/" + dirName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.-]", "-");
      String projectPath = value("CI_PROJECT_PATH", remote != null ? remote.path() : fallbackPath,
          remote != null ? "the path of the origin remote (" + remote.display() + ")"
              : "local/ and the directory's name; there is no origin remote" + noGit);
      if (!PROJECT_PATH.matcher(projectPath).matches()) {
        projectPath = fallbackPath;
      }
      int slash = projectPath.lastIndexOf('/');
      value("CI_PROJECT_NAMESPACE", projectPath.substring(0, slash), "CI_PROJECT_PATH without its last part");
      value("CI_PROJECT_NAME", projectPath.substring(slash + 1), "the last part of CI_PROJECT_PATH");
      value("CI_PROJECT_ROOT_NAMESPACE", projectPath.substring(0, projectPath.indexOf('/')),
          "the first part of CI_PROJECT_PATH");
      value("CI_PROJECT_PATH_SLUG", slug(projectPath), "CI_PROJECT_PATH, slugified");
      value("CI_CONFIG_PATH", ".gitlab-ci.yml", "GitLab's default");
      value("CI_PROJECT_DIR_NAME", dirName, "the checkout's directory name");

      String serverUrl = valueOrNothing("CI_SERVER_URL", remote == null ? null : remote.serverUrl(),
          remote == null ? "" : "the origin remote's host" + (remote.ssh() ? " (an ssh remote: https assumed)" : ""));
      if (serverUrl != null) {
        URI server = URI.create(serverUrl);
        String host = server.getHost() == null ? serverUrl : server.getHost();
        String protocol = server.getScheme() == null ? "https" : server.getScheme();
        int port = server.getPort() > 0 ? server.getPort() : protocol.equals("http") ? 80 : 443;
        value("CI_SERVER_HOST", host, "the host of CI_SERVER_URL");
        value("CI_SERVER_PROTOCOL", protocol, "the protocol of CI_SERVER_URL");
        value("CI_SERVER_PORT", Integer.toString(port), "the port of CI_SERVER_URL");
        value("CI_SERVER_FQDN", host + (server.getPort() > 0 ? ":" + port : ""), "the host and port of CI_SERVER_URL");
        value("CI_PROJECT_URL", stripSlash(serverUrl) + "/" + projectPath, "CI_SERVER_URL/CI_PROJECT_PATH");
        String registry = value("CI_REGISTRY", host.equals("gitlab.com") ? "registry.gitlab.com" : "registry." + host,
            host.equals("gitlab.com") ? "gitlab.com's registry"
                : "assumed registry.<host>; set --var CI_REGISTRY=<host[:port]> when the instance's registry differs");
        value("CI_REGISTRY_IMAGE", registry + "/" + projectPath.toLowerCase(Locale.ROOT),
            "CI_REGISTRY/CI_PROJECT_PATH in lower case");
      }
      value("CI_TEMPLATE_REGISTRY_HOST", "registry.gitlab.com", "GitLab's default, the host of its templates' images");
      value("CI_PIPELINE_SOURCE", "push", "a local run is taken as a push pipeline");
      value("CI_COMMIT_REF_PROTECTED", "false", "a local run is not protected");
      value("CI_COMMIT_BEFORE_SHA", "0000000000000000000000000000000000000000",
          "GitLab's value when there is no previous push");

      if (top == null) {
        return new CheckoutVariables(out, projectPath);
      }
      String sha = git.output("rev-parse", "--verify", "-q", "HEAD");
      if (sha != null) {
        sha = value("CI_COMMIT_SHA", sha, "git rev-parse HEAD");
        value("CI_COMMIT_SHORT_SHA", sha.substring(0, Math.min(8, sha.length())), "the first 8 characters of CI_COMMIT_SHA");
        String log = git.output("log", "-1", "--format=%s%x00%an <%ae>%x00%cI%x00%B", "HEAD");
        if (log != null) {
          String[] parts = log.split("\u0000", 4);
          if (parts.length == 4) {
            value("CI_COMMIT_TITLE", parts[0], "the commit's first line");
            value("CI_COMMIT_AUTHOR", parts[1], "the commit's author");
            value("CI_COMMIT_TIMESTAMP", parts[2], "the commit's date");
            value("CI_COMMIT_MESSAGE", parts[3].strip(), "the commit's message");
            int blank = parts[3].strip().indexOf("\n\n");
            value("CI_COMMIT_DESCRIPTION", blank < 0 ? "" : parts[3].strip().substring(blank + 2),
                "the commit's message after its title");
          }
        }
      }
      String branch = git.output("symbolic-ref", "-q", "--short", "HEAD");
      String tag = branch == null ? git.output("describe", "--tags", "--exact-match", "HEAD") : null;
      String refName = null;
      if (given.containsKey("CI_COMMIT_REF_NAME")) {
        refName = given.get("CI_COMMIT_REF_NAME");
      } else if (branch != null) {
        refName = value("CI_COMMIT_REF_NAME", branch, "the checked-out branch (git symbolic-ref HEAD)");
      } else if (tag != null) {
        refName = value("CI_COMMIT_REF_NAME", tag, "the tag at the detached HEAD (git describe --exact-match)");
      }
      if (refName != null) {
        value("CI_COMMIT_REF_SLUG", slug(refName), "CI_COMMIT_REF_NAME, slugified");
        if (tag != null) {
          value("CI_COMMIT_TAG", refName, "a tag pipeline: the tag at HEAD");
          valueOrNothing("CI_COMMIT_TAG_MESSAGE", strip(git.output("tag", "-l", "--format=%(contents)", tag)),
              "the tag's message");
        } else {
          value("CI_COMMIT_BRANCH", refName, "a branch pipeline: CI_COMMIT_REF_NAME");
        }
      }
      String originHead = git.output("symbolic-ref", "-q", "--short", "refs/remotes/origin/HEAD");
      if (originHead != null && originHead.startsWith("origin/")) {
        value("CI_DEFAULT_BRANCH", originHead.substring("origin/".length()), "the origin remote's HEAD");
      } else {
        String init = git.output("config", "init.defaultBranch");
        value("CI_DEFAULT_BRANCH", init != null ? init : "main", init != null ? "git config init.defaultBranch"
            + " (the origin remote's HEAD is not known)" : "GitLab's default, main (the origin remote's HEAD is not known)");
      }
      return new CheckoutVariables(out, projectPath);
    }
  }

  private static @Nullable String strip(@Nullable String text) {
    return text == null ? null : text.strip();
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** The {@code origin} remote: its host, port and project path, without credentials. */
  record Remote(String serverUrl, String path, boolean ssh) {
    static @Nullable Remote parse(@Nullable String url) {
      if (url == null || url.isBlank()) {
        return null;
      }
      String u = url.strip();
      if (u.matches("(?i)(https?|ssh|git)://.*")) {
        URI uri;
        try {
          uri = URI.create(u);
        } catch (IllegalArgumentException e) {
          return null;
        }
        if (uri.getHost() == null || uri.getPath() == null) {
          return null;
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        boolean web = scheme.startsWith("http");
        String server = (web ? scheme : "https") + "://" + uri.getHost()
            + (web && uri.getPort() > 0 ? ":" + uri.getPort() : "");
        return projectPath(uri.getPath()).map(p -> new Remote(server, p, !web)).orElse(null);
      }
      Matcher scp = SCP_LIKE.matcher(u);
      if (scp.matches()) {
        return projectPath(scp.group(2)).map(p -> new Remote("https://" + scp.group(1), p, true)).orElse(null);
      }
      return null;
    }

    private static Optional<String> projectPath(String path) {
      String p = path.replaceAll("^/+|/+$", "");
      if (p.endsWith(".git")) {
        p = p.substring(0, p.length() - 4);
      }
      return PROJECT_PATH.matcher(p).matches() ? Optional.of(p) : Optional.empty();
    }

    String display() {
      return serverUrl.replaceFirst("^https?://", "") + "/" + path;
    }
  }
}
