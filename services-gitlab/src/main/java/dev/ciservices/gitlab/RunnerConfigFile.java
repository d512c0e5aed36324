package dev.ciservices.gitlab;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.ciservices.DockerSettings;
import dev.ciservices.NetworkMode;
import dev.ciservices.RunnerConfig;
import dev.ciservices.ServiceSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * GitLab Runner's {@code config.toml}, as a user has it, read onto a {@link RunnerConfig.Builder}: the
 * first {@code [[runners]]} (or the one named), its {@code environment}, {@code debug_trace_disabled},
 * the {@code [runners.docker]} keys the model has (image, privileges, allowed lists, pull policies,
 * {@code wait_for_services_timeout}, {@code services_limit}, DNS and hosts, {@code helper_image},
 * {@code disable_entrypoint_overwrite}, {@code network_mode = "bridge"}, {@code allowed_images}, {@code
 * [[runners.docker.services]]} and every {@link DockerSettings} key) and {@code
 * [runners.feature_flags]} {@code FF_NETWORK_PER_BUILD}.
 *
 * <p>Keys that GitLab Runner knows but that do not shape the job's containers ({@code url}, {@code
 * token}, {@code concurrent}, {@code [runners.cache]}, ...) are skipped. Every other key that is not
 * honoured here gives one warning naming it, as GitLab Runner ignores unknown keys. A bad value fails
 * with an {@link IllegalArgumentException} of one line naming the file, the key, the value and the fix.
 */
public final class RunnerConfigFile {
  /** Top-level keys of the runner process, not of a job's containers. */
  private static final Set<String> GLOBAL = Set.of("concurrent", "check_interval", "log_level", "log_format",
      "listen_address", "shutdown_timeout", "connection_max_age", "sentry_dsn", "session_server", "experimental",
      "runners");
  /** {@code [[runners]]} keys about reaching GitLab and running the runner, not the job's containers. */
  private static final Set<String> RUNNER = Set.of("name", "url", "id", "token", "token_obtained_at",
      "token_expires_at", "executor", "limit", "request_concurrency", "output_limit", "tls-ca-file", "tls-cert-file",
      "tls-key-file", "clone_url", "builds_dir", "cache_dir", "shell", "cache", "pre_clone_script",
      "pre_get_sources_script", "post_get_sources_script", "pre_build_script", "post_build_script",
      "unhealthy_requests_limit", "unhealthy_interval", "custom_build_dir", "referees", "docker", "feature_flags",
      "environment", "debug_trace_disabled", "kubernetes", "machine", "autoscaler", "custom", "ssh", "parallels",
      "virtualbox", "instance", "docker-autoscaler", "monitoring", "step_runner_image");
  /** {@code [runners.docker]} keys of GitLab Runner this model does not have. */
  private static final Set<String> DOCKER_UNMODELLED = Set.of("host", "hostname", "tls_cert_path", "tls_verify",
      "disable_cache", "cache_dir", "links", "network_mtu", "user", "allowed_users", "volume_driver", "volume_driver_ops", "log_options",
      "enable_ipv6", "container_labels", "helper_image_flavor", "helper_image_autoset_arch_and_os",
      "device_cgroup_rules", "memory_swappiness", "cpu_period", "cpu_quota", "service_memory_swappiness",
      "services_security_opt_inline", "service_slot_cgroup_template", "use_slot_cgroups", "slot_cgroup_template",
      "log_config", "services_profiles", "privileged_services", "api_version");
  private static final Set<String> DOCKER = Set.of("image", "privileged", "services_privileged",
      "allowed_privileged_services", "allowed_services", "allowed_images", "allowed_pull_policies", "pull_policy",
      "wait_for_services_timeout", "services_limit", "dns", "dns_search", "extra_hosts", "helper_image",
      "disable_entrypoint_overwrite", "network_mode", "services");

  private final RunnerConfig.Builder runner;
  private final String runnerName;
  private final List<String> warnings;

  private RunnerConfigFile(RunnerConfig.Builder runner, String runnerName, List<String> warnings) {
    this.runner = runner;
    this.runnerName = runnerName;
    this.warnings = List.copyOf(warnings);
  }

  /**
   * Reads the file onto the builder (e.g. {@link RunnerConfig#local()}).
   *
   * @param runnerName the {@code name} of the {@code [[runners]]} entry to read; null reads the first
   * @throws IllegalArgumentException of one line naming the file (missing or unreadable, not TOML) or
   *     the key, its value and the fix
   */
  public static RunnerConfigFile read(Path file, @Nullable String runnerName, RunnerConfig.Builder onto) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(file + ": no such file; give the path of GitLab Runner's config.toml,"
          + " e.g. /etc/gitlab-runner/config.toml", e);
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": cannot read it (" + e.getMessage() + "); give a readable"
          + " config.toml", e);
    }
    return parse(text, file.toString(), runnerName, onto);
  }

  /**
   * Reads {@code config.toml} text onto the builder.
   *
   * @param source what the messages call the text, e.g. its file name
   * @param runnerName the {@code name} of the {@code [[runners]]} entry to read; null reads the first
   * @throws IllegalArgumentException as {@link #read(Path, String, RunnerConfig.Builder)}
   */
  public static RunnerConfigFile parse(String toml, String source, @Nullable String runnerName,
      RunnerConfig.Builder onto) {
    Map<String, Object> root;
    try {
      root = table(new TomlMapper().readValue(toml, Map.class));
    } catch (JacksonException e) {
      throw new IllegalArgumentException(source + ": not valid TOML: " + e.getOriginalMessage().lines().findFirst()
          .orElse("") + location(e) + "; fix the syntax as https://toml.io shows it", e);
    }
    List<String> warnings = new ArrayList<>();
    root.keySet().stream().filter(k -> !GLOBAL.contains(k))
        .forEach(k -> warnings.add(source + ": " + k + ": unknown key; GitLab Runner ignores it, and so does ci-services"));
    Map<String, Object> chosen = choose(source, root.get("runners"), runnerName);
    String name = chosen.get("name") instanceof String s ? s : "";
    new Reader(source, onto, warnings).runner(chosen);
    return new RunnerConfigFile(onto, name, warnings);
  }

  /** The builder, with the file's values on it. */
  public RunnerConfig.Builder runner() {
    return runner;
  }

  /** The {@code name} of the {@code [[runners]]} entry read, or empty when it has none. */
  public String runnerName() {
    return runnerName;
  }

  /** One line per key that is not honoured, naming the file and the key. */
  public List<String> warnings() {
    return warnings;
  }

  private static String location(JacksonException e) {
    var l = e.getLocation();
    return l == null || l.getLineNr() < 0 ? "" : " (line " + l.getLineNr() + ")";
  }

  private static Map<String, Object> choose(String source, @Nullable Object runners, @Nullable String name) {
    List<Map<String, Object>> entries = new ArrayList<>();
    if (runners instanceof List<?> list) {
      for (Object r : list) {
        if (r instanceof Map<?, ?>) {
          entries.add(table(r));
        }
      }
    }
    if (entries.isEmpty()) {
      throw new IllegalArgumentException(source + ": no [[runners]] entry; add one as GitLab Runner writes it, with"
          + " [runners.docker] under it");
    }
    if (name == null) {
      return entries.get(0);
    }
    for (Map<String, Object> r : entries) {
      if (name.equals(r.get("name"))) {
        return r;
      }
    }
    throw new IllegalArgumentException(source + ": no [[runners]] named \"" + name + "\"; its runners are "
        + entries.stream().map(r -> "\"" + r.getOrDefault("name", "") + "\"").collect(Collectors.joining(", ")));
  }

  private static Map<String, Object> table(Object value) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (value instanceof Map<?, ?> m) {
      m.forEach((k, v) -> {
        if (v != null) {
          out.put(String.valueOf(k), v);
        }
      });
    }
    return out;
  }

  /** Reads one {@code [[runners]]} entry onto the builder. */
  private record Reader(String source, RunnerConfig.Builder to, List<String> warnings) {
    void runner(Map<String, Object> r) {
      r.keySet().stream().filter(k -> !RUNNER.contains(k)).forEach(k -> unknown("[[runners]] " + k));
      if (r.containsKey("environment")) {
        List<String> env = strings("[[runners]]", "environment", r.get("environment"));
        apply("[[runners]] environment", () -> to.environment(env.toArray(String[]::new)));
      }
      if (r.containsKey("debug_trace_disabled")) {
        boolean disabled = bool("[[runners]]", "debug_trace_disabled", r.get("debug_trace_disabled"));
        to.debugTraceDisabled(disabled);
      }
      Map<String, Object> flags = section("[runners.feature_flags]", r.get("feature_flags"));
      Map<String, Object> docker = section("[runners.docker]", r.get("docker"));
      docker(docker);
      flags.forEach((k, v) -> {
        if (k.equals("FF_NETWORK_PER_BUILD")) {
          boolean perBuild = bool("[runners.feature_flags]", k, v);
          if (!docker.containsKey("network_mode")) {
            to.networkMode(perBuild ? NetworkMode.PER_JOB : NetworkMode.LEGACY_LINKS);
          }
        } else {
          warnings.add(source + ": [runners.feature_flags] " + k + " is not honoured by ci-services; ignored");
        }
      });
    }

    private void docker(Map<String, Object> d) {
      String at = "[runners.docker]";
      DockerSettings.Builder settings = DockerSettings.builder();
      Set<String> settingKeys = DockerSettings.keys();
      d.forEach((k, v) -> {
        if (settingKeys.contains(k)) {
          apply(at, () -> settings.set(k, v));
        } else if (DOCKER_UNMODELLED.contains(k)) {
          warnings.add(source + ": " + at + " " + k + " is not honoured by ci-services; ignored");
        } else if (!DOCKER.contains(k)) {
          unknown(at + " " + k);
        }
      });
      apply(at, () -> to.docker(settings.build()));
      if (d.containsKey("image")) {
        String image = string(at, "image", d.get("image"));
        apply(at + " image", () -> to.defaultImage(image));
      }
      if (d.containsKey("privileged")) {
        to.privileged(bool(at, "privileged", d.get("privileged")));
      }
      if (d.containsKey("services_privileged")) {
        to.servicesPrivileged(bool(at, "services_privileged", d.get("services_privileged")));
      }
      list(d, "allowed_privileged_services", to::allowedPrivilegedServices);
      list(d, "allowed_services", to::allowedServices);
      list(d, "allowed_images", to::allowedImages);
      list(d, "pull_policy", to::pullPolicy);
      list(d, "allowed_pull_policies", to::allowedPullPolicies);
      if (d.containsKey("pull_policy") && !d.containsKey("allowed_pull_policies")) {
        // GitLab: with no allowed_pull_policies, the runner's own pull_policy is what is allowed (§6)
        to.allowedPullPolicies(new String[0]);
      }
      if (d.containsKey("wait_for_services_timeout")) {
        int seconds = integer(at, "wait_for_services_timeout", d.get("wait_for_services_timeout"));
        to.waitForServicesTimeout(seconds);
      }
      if (d.containsKey("services_limit")) {
        int limit = integer(at, "services_limit", d.get("services_limit"));
        if (limit < 0) {
          to.unlimitedServices();
        } else {
          to.servicesLimit(limit);
        }
      }
      list(d, "dns", to::dns);
      list(d, "dns_search", to::dnsSearch);
      list(d, "extra_hosts", to::extraHosts);
      if (d.containsKey("helper_image")) {
        String image = string(at, "helper_image", d.get("helper_image"));
        apply(at + " helper_image", () -> to.helperImage(image));
      }
      if (d.containsKey("disable_entrypoint_overwrite")) {
        to.disableEntrypointOverwrite(bool(at, "disable_entrypoint_overwrite", d.get("disable_entrypoint_overwrite")));
      }
      if (d.containsKey("network_mode")) {
        String mode = string(at, "network_mode", d.get("network_mode"));
        if (mode.equals("bridge")) {
          to.networkMode(NetworkMode.LEGACY_LINKS);
        } else if (!mode.isEmpty()) {
          warnings.add(source + ": " + at + " network_mode \"" + mode + "\" is not honoured by ci-services (it has"
              + " \"bridge\" and a network per job); ignored");
        }
      }
      if (d.containsKey("services")) {
        Object services = d.get("services");
        if (!(services instanceof List<?> list)) {
          throw fail("[[runners.docker.services]]", describe(services), "write each service as a"
              + " [[runners.docker.services]] table with name = \"postgres:16\"");
        }
        for (Object s : list) {
          service(section("[[runners.docker.services]]", s));
        }
      }
    }

    private void service(Map<String, Object> s) {
      String at = "[[runners.docker.services]]";
      s.keySet().stream().filter(k -> !Set.of("name", "alias", "command", "entrypoint", "environment").contains(k))
          .forEach(k -> unknown(at + " " + k));
      String name = s.containsKey("name") ? string(at, "name", s.get("name")) : "";
      String alias = s.containsKey("alias") ? string(at, "alias", s.get("alias")) : "";
      List<String> command = s.containsKey("command") ? strings(at, "command", s.get("command")) : List.of();
      List<String> entrypoint = s.containsKey("entrypoint") ? strings(at, "entrypoint", s.get("entrypoint")) : List.of();
      List<String> env = s.containsKey("environment") ? strings(at, "environment", s.get("environment")) : List.of();
      apply(at + " " + name, () -> to.service(ServiceSpec.fromRunnerConfig(name, alias, command, entrypoint, env)));
    }

    private void list(Map<String, Object> d, String key, java.util.function.Consumer<String[]> setter) {
      if (d.containsKey(key)) {
        List<String> values = strings("[runners.docker]", key, d.get(key));
        apply("[runners.docker]", () -> setter.accept(values.toArray(String[]::new)));
      }
    }

    private void unknown(String key) {
      warnings.add(source + ": " + key + ": unknown key; GitLab Runner ignores it, and so does ci-services");
    }

    private Map<String, Object> section(String at, @Nullable Object value) {
      if (value == null) {
        return Map.of();
      }
      if (!(value instanceof Map<?, ?>)) {
        throw fail(at, describe(value), "write it as a table: " + at + " on a line of its own, then key = value lines");
      }
      return table(value);
    }

    private void apply(String at, Runnable set) {
      try {
        set.run();
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(source + ": " + at + " " + e.getMessage(), e);
      }
    }

    private IllegalArgumentException fail(String key, String value, String fix) {
      return new IllegalArgumentException(source + ": " + key + " " + value + ": " + fix);
    }

    private boolean bool(String at, String key, Object v) {
      if (v instanceof Boolean b) {
        return b;
      }
      throw fail(at + " " + key, describe(v), "not a boolean; write " + key + " = true or false");
    }

    private String string(String at, String key, Object v) {
      if (v instanceof String s) {
        return s;
      }
      throw fail(at + " " + key, describe(v), "not a string; write it in quotes, e.g. " + key + " = \"...\"");
    }

    private int integer(String at, String key, Object v) {
      if (v instanceof Integer || v instanceof Long) {
        long l = ((Number) v).longValue();
        if (l == (int) l) {
          return (int) l;
        }
      }
      throw fail(at + " " + key, describe(v), "not a whole number; write e.g. " + key + " = 30");
    }

    private List<String> strings(String at, String key, Object v) {
      if (v instanceof String s) {
        return List.of(s);
      }
      if (v instanceof List<?> l && l.stream().allMatch(String.class::isInstance)) {
        return l.stream().map(String.class::cast).toList();
      }
      throw fail(at + " " + key, describe(v), "not a list of strings; write " + key + " = [\"...\", \"...\"]");
    }

    private static String describe(Object v) {
      return v instanceof String ? "\"" + v + "\"" : String.valueOf(v);
    }
  }
}
