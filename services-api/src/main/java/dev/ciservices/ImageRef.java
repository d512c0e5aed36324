package dev.ciservices;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * An image name parsed with the grammar GitLab Runner uses ({@code distribution/reference}).
 *
 * <p>The registry host may hold upper case and a port; every path component is lower case; the tag
 * is {@code [\w][\w.-]{0,127}}; the digest is {@code algorithm:hex} with at least 32 hex digits.
 * {@link #service()} is the name without port, tag and digest (the basis of the default aliases),
 * {@link #version()} is the tag, the {@code @sha256:} digest or {@code latest}, and {@link
 * #pullName()} is what gets pulled.
 *
 * @param raw the name as given
 * @param registry the registry host with its port, or {@code null} when the name has none
 * @param path the repository path below the registry
 * @param tag the tag, or {@code null}
 * @param digest the digest ({@code algorithm:hex}), or {@code null}
 */
public record ImageRef(
    String raw, @Nullable String registry, String path, @Nullable String tag, @Nullable String digest) {

  private static final String ALPHANUMERIC = "[a-z0-9]+";
  private static final String SEPARATOR = "(?:[._]|__|[-]+)";
  private static final String PATH_COMPONENT = ALPHANUMERIC + "(?:" + SEPARATOR + ALPHANUMERIC + ")*";
  private static final String DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
  private static final String HOST =
      "(?:" + DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*|\\[(?:[a-fA-F0-9:]+)\\])";
  private static final String DOMAIN_AND_PORT = HOST + "(?::[0-9]+)?";
  private static final String TAG = "[\\w][\\w.-]{0,127}";
  private static final String DIGEST = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}";
  private static final Pattern REFERENCE =
      Pattern.compile(
          "((?:(" + DOMAIN_AND_PORT + ")/)?(" + PATH_COMPONENT + "(?:/" + PATH_COMPONENT + ")*))"
              + "(?::(" + TAG + "))?(?:@(" + DIGEST + "))?");
  private static final Pattern SHA256_DIGEST_SUFFIX = Pattern.compile("@sha256:.{64}$");
  private static final Pattern PORT_BEFORE_FIRST_SLASH = Pattern.compile("^([^/]*?):[0-9]+(/.*)$");
  private static final Pattern UNEXPANDED_VARIABLE = Pattern.compile("\\$\\{?[A-Za-z0-9_]+\\}?");

  /** Validates the parts; use {@link #parse} to build one from a name. */
  public ImageRef {
    if (path.isEmpty()) {
      throw new IllegalArgumentException("ImageRef.path is empty");
    }
  }

  /**
   * Parses an image name.
   *
   * @throws IllegalArgumentException naming the value, what is wrong with it and the fix
   */
  public static ImageRef parse(String name) {
    return tryParse(name).orElseThrow(() -> new IllegalArgumentException(problem(name)));
  }

  /** Parses an image name, or returns empty where GitLab would find no service in it. */
  public static Optional<ImageRef> tryParse(String name) {
    Matcher m = REFERENCE.matcher(name);
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(new ImageRef(name, m.group(2), m.group(3), m.group(4), m.group(5)));
  }

  /**
   * Says why a name does not parse, with a fix where one is obvious; for error messages.
   *
   * @return a phrase such as {@code image name "Postgres:14" has upper case in its path; use
   *     "postgres:14"}
   */
  public static String problem(String name) {
    String quoted = '"' + name + '"';
    if (name.isBlank()) {
      return "image name " + quoted + " is empty; give a name such as \"postgres:16\"";
    }
    if (UNEXPANDED_VARIABLE.matcher(name).find()) {
      return "image name " + quoted + " holds a variable reference that was not expanded;"
          + " define the variable or write the name in full";
    }
    if (name.endsWith(":")) {
      return "image name " + quoted + " has an empty tag; write a tag after ':' or remove the ':'";
    }
    String lowered = lowerCasePath(name);
    if (!lowered.equals(name) && tryParse(lowered).isPresent()) {
      return "image name " + quoted + " has upper case in its path; use \"" + lowered + '"';
    }
    if (name.chars().anyMatch(Character::isWhitespace)) {
      return "image name " + quoted + " contains white space; an image name is one word such as \"postgres:16\"";
    }
    return "image name " + quoted
        + " is not a valid image reference; expected [registry[:port]/]path[:tag][@algorithm:digest]"
        + " with lower-case path components, e.g. \"registry.example.com:5000/group/image:1.0\"";
  }

  /** The name with its path lower-cased; the registry host, tag and digest are kept as written. */
  private static String lowerCasePath(String name) {
    int at = name.indexOf('@');
    String repoAndTag = at < 0 ? name : name.substring(0, at);
    String digest = at < 0 ? "" : name.substring(at);
    int lastSlash = repoAndTag.lastIndexOf('/');
    int colon = repoAndTag.lastIndexOf(':');
    String tag = colon > lastSlash ? repoAndTag.substring(colon) : "";
    String repo = repoAndTag.substring(0, repoAndTag.length() - tag.length());
    int slash = repo.indexOf('/');
    String first = slash < 0 ? "" : repo.substring(0, slash);
    boolean firstIsHost = first.contains(".") || first.contains(":") || first.equals("localhost");
    String host = firstIsHost ? repo.substring(0, slash + 1) : "";
    return host + repo.substring(host.length()).toLowerCase(java.util.Locale.ROOT) + tag + digest;
  }

  /** The repository with its registry host, without port, tag or digest: {@code domain.tld/ns/svc}. */
  public String service() {
    String name = registry == null ? path : registry + "/" + path;
    Matcher port = PORT_BEFORE_FIRST_SLASH.matcher(name);
    return port.matches() ? port.group(1) + port.group(2) : name;
  }

  /** The repository with its registry host and port, without tag or digest. */
  public String repository() {
    return registry == null ? path : registry + "/" + path;
  }

  /**
   * The version GitLab reports: the tag; else {@code @sha256:<64 characters>} when the name ends in
   * such a digest; else {@code latest}.
   */
  public String version() {
    if (tag != null) {
      return tag;
    }
    Matcher sha = SHA256_DIGEST_SUFFIX.matcher(raw);
    return sha.find() ? sha.group() : "latest";
  }

  /**
   * The name to pull. It is the name as given when it has a tag or a {@code sha256} digest of 64
   * characters; otherwise {@code :latest} is appended to the repository, and any other digest is
   * dropped, as GitLab Runner does.
   */
  public String pullName() {
    if (tag != null || SHA256_DIGEST_SUFFIX.matcher(raw).find()) {
      return raw;
    }
    return repository() + ":latest";
  }

  /**
   * The service with its version as GitLab prints it in {@code Starting service ...}:
   * {@code postgres:16.10} or {@code svc@sha256:...}.
   */
  public String serviceWithVersion() {
    String version = version();
    return version.startsWith("@") ? service() + version : service() + ":" + version;
  }

  /**
   * The default hostnames: the service with {@code /} replaced by {@code __}, then, when the service
   * has a {@code /}, with {@code /} replaced by {@code -}. Case is kept.
   */
  public List<String> defaultAliases() {
    String service = service();
    String primary = service.replace("/", "__");
    String secondary = service.replace("/", "-");
    return primary.equals(secondary) ? List.of(primary) : List.of(primary, secondary);
  }

  @Override
  public String toString() {
    return raw;
  }
}
