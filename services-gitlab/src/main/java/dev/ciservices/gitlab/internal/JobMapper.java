package dev.ciservices.gitlab.internal;

import dev.ciservices.ImageSpec;
import dev.ciservices.JobSpec;
import dev.ciservices.ServiceSpec;
import dev.ciservices.Variable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Maps one resolved job (extends applied, references resolved) to a {@link JobSpec}: its
 * {@code image}, {@code services}, scripts and variables, taking the {@code default} keys it does not
 * set and the global variables, as {@code inherit} allows.
 */
final class JobMapper {
  /** The job keys that {@code default} can supply and that a JobSpec holds. */
  static final List<String> DEFAULTABLE = List.of("image", "services", "before_script", "after_script");

  private static final Set<String> IGNORED = Set.of("stage", "type", "rules", "only", "except", "artifacts",
      "cache", "needs", "dependencies", "tags", "when", "environment", "coverage", "allow_failure", "retry",
      "timeout", "interruptible", "resource_group", "start_in", "parallel", "pages", "publish",
      "manual_confirmation", "dast_configuration", "extends", "inherit", "image", "services", "variables",
      "script", "before_script", "after_script");
  private static final Map<String, String> UNSUPPORTED = Map.of(
      "hooks", "hooks:pre_get_sources_script does not run",
      "run", "its CI/CD steps do not run",
      "trigger", "it starts a downstream pipeline in GitLab and runs no script here",
      "secrets", "the secrets are not fetched and their variables are not set",
      "id_tokens", "the ID token variables are not set",
      "identity", "no cloud identity is set up",
      "release", "no release is created");
  private static final Set<String> IMAGE_KEYS = Set.of("name", "entrypoint", "docker", "pull_policy", "kubernetes",
      "ports");
  private static final Set<String> SERVICE_KEYS = Set.of("name", "alias", "entrypoint", "command", "variables",
      "pull_policy", "docker", "kubernetes", "ports");

  private static final int MAX_NESTING = 10;

  /** A default value and its path for messages, e.g. {@code default.services}. */
  record Default(YNode value, String path) {}

  private final Map<String, Default> defaults;
  private final List<Variable> globalVariables;

  private final List<Includes.Missing> missing;

  JobMapper(Map<String, Default> defaults, List<Variable> globalVariables, List<Includes.Missing> missing) {
    this.defaults = new LinkedHashMap<>(defaults);
    this.globalVariables = List.copyOf(globalVariables);
    this.missing = List.copyOf(missing);
  }

  /** Unsupported keys of a job or of {@code default}, and what is lost by ignoring them. */
  static @Nullable String unsupported(String key) {
    return UNSUPPORTED.get(key);
  }

  /** The job's spec; warnings go to {@code warnings}, problems throw naming the job. */
  JobSpec map(String name, Loc nameLoc, YMap job, Diagnostics warnings) {
    try {
      return build(name, nameLoc, job, warnings);
    } catch (ConfigError e) {
      throw e.inJob(name);
    }
  }

  private JobSpec build(String name, Loc nameLoc, YMap job, Diagnostics warnings) {
    checkKeys(name, job, warnings);
    boolean noScript = job.getSet("script") == null && job.getSet("run") == null && job.getSet("trigger") == null;
    if (noScript && !missing.isEmpty()) {
      // the job most likely overrides a job of an include that could not be read
      warnings.warn(nameLoc, name, "the job sets no script:, run: or trigger: here; it probably overrides a job of "
          + (missing.size() == 1 ? missing.get(0).describe() : "one of the includes that could not be read")
          + ", so it is planned without a script");
    } else if (noScript) {
      throw ConfigError.at(nameLoc, "jobs:" + name + " config should implement the script:, run:, or trigger: "
          + "keyword");
    }
    if (name.isBlank()) {
      throw ConfigError.at(nameLoc, "a job name must not be blank; name the job, e.g. test");
    }
    YMap inherit = inheritMap(job);
    Predicate<String> defaultKey = inherited(inherit, "default");
    Predicate<String> globalVariable = inherited(inherit, "variables");

    JobSpec.Builder b = JobSpec.builder().name(name);
    Default image = pick("image", job, defaultKey);
    if (image != null) {
      b.image(image(image.value(), image.path(), name, warnings));
    }
    Default services = pick("services", job, defaultKey);
    if (services != null) {
      services(services.value(), services.path(), name, warnings).forEach(b::service);
    }
    globalVariables.stream().filter(v -> globalVariable.test(v.key())).forEach(b::variable);
    YNode variables = job.getSet("variables");
    if (variables != null) {
      Values.variables(variables, "variables", warnings, name).forEach(b::variable);
    }
    Default before = pick("before_script", job, defaultKey);
    if (before != null) {
      b.beforeScript(Values.script(before.value(), before.path()).toArray(String[]::new));
    }
    b.script(Values.script(job.getSet("script") == null ? new YSeq(List.of(), job.loc()) : job.getSet("script"),
        "script").toArray(String[]::new));
    Default after = pick("after_script", job, defaultKey);
    if (after != null) {
      b.afterScript(Values.script(after.value(), after.path()).toArray(String[]::new));
    }
    return b.build();
  }

  private @Nullable Default pick(String key, YMap job, Predicate<String> defaultKey) {
    YNode own = job.getSet(key);
    if (own != null) {
      return new Default(own, key);
    }
    return defaultKey.test(key) ? defaults.get(key) : null;
  }

  private static void checkKeys(String name, YMap job, Diagnostics warnings) {
    for (String key : job.keys()) {
      YNode value = job.get(key);
      if (value == null || value.isNull()) {
        continue;
      }
      String lost = UNSUPPORTED.get(key);
      if (lost != null) {
        warnings.warn(job.keyLoc(key), name, "key \"" + key + "\" is not supported; " + lost);
      } else if (!IGNORED.contains(key)) {
        warnings.warn(job.keyLoc(key), name, "key \"" + key + "\" is not a GitLab CI job keyword (GitLab rejects "
            + "it); it is ignored");
      }
    }
  }

  private static @Nullable YMap inheritMap(YMap job) {
    YNode inherit = job.getSet("inherit");
    if (inherit == null) {
      return null;
    }
    if (!(inherit instanceof YMap map)) {
      throw Values.typeError("inherit", "a map with default: and variables:", inherit,
          "e.g. inherit: {default: false}");
    }
    for (String key : map.keys()) {
      if (!key.equals("default") && !key.equals("variables")) {
        throw ConfigError.at(map.keyLoc(key), "inherit: unknown key \"" + key
            + "\"; inherit takes default and variables");
      }
    }
    return map;
  }

  private static Predicate<String> inherited(@Nullable YMap inherit, String key) {
    YNode value = inherit == null ? null : inherit.getSet(key);
    if (value == null) {
      return k -> true;
    }
    String path = "inherit." + key;
    if (value instanceof YSeq) {
      Set<String> names = Set.copyOf(Values.stringList(value, path, "[image, services]"));
      return names::contains;
    }
    if (value instanceof YScalar s && s.kind() == YScalar.Kind.BOOL) {
      boolean all = Values.bool(value, path);
      return k -> all;
    }
    throw Values.typeError(path, "true, false or a list of names", value, "e.g. " + path.replace(".", ": ")
        + ": false");
  }

  private static ImageSpec image(YNode node, String path, String job, Diagnostics warnings) {
    if (node instanceof YScalar) {
      return ImageSpec.of(Values.name(node, path, "image: ruby:3.3"));
    }
    if (!(node instanceof YMap map)) {
      throw Values.typeError(path, "an image name or a map with name:", node, "e.g. image: ruby:3.3");
    }
    unknownKeys(map, path, IMAGE_KEYS, "an image takes name, entrypoint, docker, pull_policy and kubernetes");
    YNode name = map.getSet("name");
    if (name == null) {
      throw ConfigError.at(map.loc(), path + ": \"name\" is missing; an image in map form needs the image name, "
          + "e.g. name: ruby:3.3");
    }
    List<String> entrypoint = map.getSet("entrypoint") == null ? List.of()
        : Values.stringList(map.getSet("entrypoint"), path + ".entrypoint", "[\"/bin/bash\"]");
    DockerKeys docker = dockerKeys(map.getSet("docker"), path + ".docker");
    if (map.getSet("pull_policy") != null) {
      warnings.warn(map.keyLoc("pull_policy"), job, "key \"" + path + ".pull_policy\" is not supported; the job "
          + "image is pulled as the engine's pull policy says");
    }
    ImageSpec plain = new ImageSpec(Values.name(name, path + ".name", "name: ruby:3.3"), entrypoint);
    ImageSpec withUser = docker.user().isEmpty() ? plain
        : checkedAt(java.util.Objects.requireNonNull(map.getSet("docker")), () -> plain.withUser(docker.user()));
    return docker.platform().isEmpty() ? withUser
        : checkedAt(java.util.Objects.requireNonNull(map.getSet("docker")), () -> withUser.withPlatform(docker.platform()));
  }

  private static List<ServiceSpec> services(YNode node, String path, String job, Diagnostics warnings) {
    if (!(node instanceof YSeq seq)) {
      throw Values.typeError(path, "a list of images or maps with name:", node, "e.g. services: [postgres:16]");
    }
    List<ServiceSpec> services = new ArrayList<>();
    addServices(seq, path, job, warnings, services, 1);
    return services;
  }

  /**
   * GitLab's {@code services} is a composable array: nested lists (an anchored list inserted as one
   * item, {@code !reference [.x, services]}) are flattened in place. Paths name the flattened index.
   */
  private static void addServices(YSeq seq, String path, String job, Diagnostics warnings, List<ServiceSpec> out,
      int level) {
    if (level > MAX_NESTING) {
      throw ConfigError.at(seq.loc(), path + " nests lists more than " + MAX_NESTING + " levels deep; GitLab allows "
          + MAX_NESTING);
    }
    for (YNode item : seq.items()) {
      String p = path + "[" + out.size() + "]";
      if (item instanceof YSeq nested) {
        addServices(nested, path, job, warnings, out, level + 1);
      } else if (item instanceof YScalar) {
        out.add(ServiceSpec.of(Values.name(item, p, "- postgres:16")));
      } else if (item instanceof YMap map) {
        out.add(service(map, p, job, warnings));
      } else {
        throw Values.typeError(p, "an image name or a map with name:", item,
            "e.g. - postgres:16, or - name: postgres:16");
      }
    }
  }

  private static ServiceSpec service(YMap map, String path, String job, Diagnostics warnings) {
    unknownKeys(map, path, SERVICE_KEYS,
        "a service takes name, alias, entrypoint, command, variables, pull_policy, docker and kubernetes");
    YNode name = map.getSet("name");
    if (name == null) {
      throw ConfigError.at(map.loc(), path + ": \"name\" is missing; a service in map form needs the image name, "
          + "e.g. name: postgres:16");
    }
    ServiceSpec.Builder b = ServiceSpec.builder(Values.name(name, path + ".name", "name: postgres:16"));
    YNode alias = map.getSet("alias");
    if (alias != null) {
      b.alias(Values.string(alias, path + ".alias", "alias: db"));
    }
    YNode entrypoint = map.getSet("entrypoint");
    if (entrypoint != null) {
      b.entrypoint(Values.stringList(entrypoint, path + ".entrypoint", "[\"docker-entrypoint.sh\"]"));
    }
    YNode command = map.getSet("command");
    if (command != null) {
      b.command(Values.stringList(command, path + ".command", "[\"postgres\", \"-c\", \"fsync=off\"]"));
    }
    YNode variables = map.getSet("variables");
    if (variables != null) {
      Values.variables(variables, path + ".variables", warnings, job).forEach(b::variable);
    }
    YNode pull = map.getSet("pull_policy");
    if (pull != null) {
      List<String> policies = Values.stringOrList(pull, path + ".pull_policy", "[always, if-not-present]");
      for (int i = 0; i < policies.size(); i++) {
        try {
          b.pullPolicy(policies.get(i));
        } catch (IllegalArgumentException e) {
          YNode at = pull instanceof YSeq seq ? seq.items().get(i) : pull;
          throw ConfigError.at(at.loc(), path + ".pull_policy: unsupported pull policy: \"" + policies.get(i)
              + "\"; use one of always, if-not-present, never");
        }
      }
    }
    DockerKeys docker = dockerKeys(map.getSet("docker"), path + ".docker");
    if (!docker.user().isEmpty()) {
      checkedAt(java.util.Objects.requireNonNull(map.getSet("docker")), () -> b.user(docker.user()));
    }
    if (!docker.platform().isEmpty()) {
      checkedAt(java.util.Objects.requireNonNull(map.getSet("docker")), () -> b.platform(docker.platform()));
    }
    return b.build();
  }

  /** {@code docker: {platform, user}} of an image or a service. */
  private record DockerKeys(String platform, String user) {}

  private static DockerKeys dockerKeys(@Nullable YNode node, String path) {
    if (node == null) {
      return new DockerKeys("", "");
    }
    if (!(node instanceof YMap map)) {
      throw Values.typeError(path, "a map with platform: and user:", node, "e.g. docker: {platform: linux/amd64, user: app}");
    }
    unknownKeys(map, path, Set.of("platform", "user"), "docker takes platform and user");
    YNode platform = map.getSet("platform");
    YNode user = map.getSet("user");
    return new DockerKeys(platform == null ? "" : Values.string(platform, path + ".platform", "platform: linux/amd64"),
        user == null ? "" : Values.string(user, path + ".user", "user: app"));
  }

  private static <T> T checkedAt(YNode at, java.util.function.Supplier<T> build) {
    try {
      return build.get();
    } catch (IllegalArgumentException e) {
      throw ConfigError.at(at.loc(), String.valueOf(e.getMessage()));
    }
  }

  private static void unknownKeys(YMap map, String path, Set<String> known, String takes) {
    for (String key : map.keys()) {
      if (!known.contains(key)) {
        throw ConfigError.at(map.keyLoc(key), path + ": unknown key \"" + key + "\"; " + takes);
      }
    }
  }
}
