package dev.ciservices.gitlab.internal;

import dev.ciservices.JobSpec;
import dev.ciservices.Variable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads a configuration in GitLab's order: YAML (anchors, merge keys), {@code include: local},
 * {@code extends}, {@code !reference}, then each visible job with {@code default} and the global
 * variables.
 */
public final class ConfigReader {
  /** GitLab's top-level keywords; every other top-level key is a job, hidden when it starts with a dot. */
  static final Set<String> RESERVED = Set.of("image", "services", "stages", "types", "before_script",
      "after_script", "variables", "cache", "include", "default", "workflow", "spec");
  private static final Set<String> DEFAULT_IGNORED = Set.of("artifacts", "cache", "interruptible", "retry", "tags",
      "timeout");

  /** What a file defines: visible jobs in order, their specs, and the warnings. */
  public record Result(List<String> jobNames, Map<String, JobSpec> jobs, List<String> fileWarnings,
      Map<String, List<String>> jobWarnings, Map<String, String> stages) {}

  private ConfigReader() {}

  /**
   * Reads a configuration.
   *
   * @param projectDir where {@code include: local} paths start; null when there is none
   * @param mainFile the file read, so that including it again is a no-op; null for text
   * @throws ConfigError for anything GitLab would reject or this reader cannot read
   */
  public static Result read(String text, String file, @Nullable Path projectDir, @Nullable Path mainFile) {
    Diagnostics fileWarnings = new Diagnostics();
    YMap root = Sources.root(text, file, fileWarnings);
    if (root == null) {
      throw ConfigError.at(Loc.file(file), "the file is empty; GitLab needs at least one job, "
          + "e.g. test: {script: [make test]}");
    }
    root = new Includes(projectDir, mainFile, fileWarnings).apply(root);
    for (YMap.Entry e : root.entries().values()) {
      if (!RESERVED.contains(e.key()) && !e.key().startsWith(".") && !(e.value() instanceof YMap)) {
        throw new ConfigError(e.value().loc(), e.key(), "a job must be a map of keywords, not "
            + e.value().describe() + "; e.g. " + e.key() + ": {script: [make test]}");
      }
    }
    root = Extends.apply(root, RESERVED);
    root = References.resolveAll(root, RESERVED);

    if (root.getSet("workflow") instanceof YMap workflow && workflow.getSet("rules") instanceof YSeq rules) {
      JobMapper.warnRuleVariables(rules, "workflow.rules", null, fileWarnings);
    }
    Map<String, JobMapper.Default> defaults = defaults(root, fileWarnings);
    YNode variables = root.getSet("variables");
    List<Variable> globals = variables == null ? List.of()
        : Values.variables(variables, "variables", fileWarnings, null);
    JobMapper mapper = new JobMapper(defaults, globals);

    List<String> names = new ArrayList<>();
    Map<String, JobSpec> jobs = new LinkedHashMap<>();
    Map<String, List<String>> jobWarnings = new LinkedHashMap<>();
    Map<String, String> stages = new LinkedHashMap<>();
    for (YMap.Entry e : root.entries().values()) {
      if (RESERVED.contains(e.key()) || e.key().startsWith(".")) {
        continue;
      }
      Diagnostics warnings = new Diagnostics();
      jobs.put(e.key(), mapper.map(e.key(), e.keyLoc(), (YMap) e.value(), warnings));
      jobWarnings.put(e.key(), warnings.warnings());
      names.add(e.key());
      stages.put(e.key(), ((YMap) e.value()).getSet("stage") instanceof YScalar stage && stage.isString()
          ? stage.text() : "test");
    }
    if (names.isEmpty()) {
      throw ConfigError.at(Loc.file(file), "jobs config should contain at least one visible job");
    }
    return new Result(List.copyOf(names), jobs, fileWarnings.warnings(), jobWarnings, stages);
  }

  /**
   * The keys jobs inherit: the deprecated top-level {@code image}, {@code services},
   * {@code before_script} and {@code after_script}, then those of {@code default}, which win.
   */
  private static Map<String, JobMapper.Default> defaults(YMap root, Diagnostics warnings) {
    Map<String, JobMapper.Default> defaults = new LinkedHashMap<>();
    for (String key : JobMapper.DEFAULTABLE) {
      YNode value = root.getSet(key);
      if (value != null) {
        defaults.put(key, new JobMapper.Default(value, key));
      }
    }
    YNode node = root.getSet("default");
    if (node == null) {
      return defaults;
    }
    if (!(node instanceof YMap def)) {
      throw Values.typeError("default", "a map of job keywords", node, "e.g. default: {image: ruby:3.3}");
    }
    for (YMap.Entry e : def.entries().values()) {
      String key = e.key();
      if (e.value().isNull()) {
        continue;
      }
      if (JobMapper.DEFAULTABLE.contains(key)) {
        if (defaults.containsKey(key)) {
          warnings.warn(e.keyLoc(), null, "key \"" + key + "\" is set both at the top level (line "
              + root.keyLoc(key).line() + ") and in \"default\"; the one in \"default\" is used");
        }
        defaults.put(key, new JobMapper.Default(e.value(), "default." + key));
      } else if (JobMapper.unsupported(key) != null) {
        warnings.warn(e.keyLoc(), null, "key \"default." + key + "\" is not supported; " + JobMapper.unsupported(key));
      } else if (!DEFAULT_IGNORED.contains(key)) {
        warnings.warn(e.keyLoc(), null, "key \"default." + key + "\" is not a keyword of default (GitLab rejects "
            + "it); it is ignored");
      }
    }
    return defaults;
  }
}
