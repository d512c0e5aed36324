package dev.ciservices.gitlab.internal;

import dev.ciservices.JobSpec;
import dev.ciservices.Variable;
import dev.ciservices.gitlab.IncludeOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
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
      Map<String, List<String>> jobWarnings, Map<String, JobInfo> info, Map<String, List<String>> parallelJobs,
      @Nullable Rules workflow, Map<String, ConfigError> broken, List<String> missingIncludes) {}

  /**
   * What GitLab needs besides the spec to decide whether and where a job runs.
   *
   * @param baseName the job's name in the file (a parallel job's instances share it)
   * @param matrix the instance's matrix variables, in key order; empty for other jobs
   * @param ownVariables the keys of the job's own {@code variables}
   * @param onlyExcept the job's {@code only} and {@code except}; null when it sets neither
   */
  public record JobInfo(String baseName, Map<String, String> matrix, String stage, @Nullable Rules rules,
      String when, Set<String> ownVariables, @Nullable OnlyExcept onlyExcept) {}

  private ConfigReader() {}

  /**
   * Reads a configuration.
   *
   * @param projectDir where {@code include: local} paths start; null when there is none
   * @param mainFile the file read, so that including it again is a no-op; null for text
   * @throws ConfigError for anything GitLab would reject or this reader cannot read
   */
  public static Result read(String text, String file, @Nullable Path projectDir, @Nullable Path mainFile,
      Limits limits) {
    return read(text, file, projectDir, mainFile, IncludeOptions.localOnly(), limits);
  }

  /** As {@link #read(String, String, Path, Path, Limits)}, fetching other includes as {@code options} say. */
  public static Result read(String text, String file, @Nullable Path projectDir, @Nullable Path mainFile,
      IncludeOptions options, Limits limits) {
    Diagnostics fileWarnings = new Diagnostics();
    YMap root = Sources.root(text, file, fileWarnings);
    if (root == null) {
      throw ConfigError.at(Loc.file(file), "the file is empty; GitLab needs at least one job, "
          + "e.g. test: {script: [make test]}");
    }
    Includes includes = new Includes(projectDir, mainFile, fileWarnings, options, limits);
    root = includes.apply(root);
    List<Includes.Missing> missing = includes.missing();
    for (YMap.Entry e : root.entries().values()) {
      if (!RESERVED.contains(e.key()) && !e.key().startsWith(".") && !(e.value() instanceof YMap)) {
        throw new ConfigError(e.value().loc(), e.key(), "a job must be a map of keywords, not "
            + e.value().describe() + "; e.g. " + e.key() + ": {script: [make test]}");
      }
    }
    Limits.checkExpanded(root, file, "aliases");
    Extends.Result extended = Extends.apply(root, RESERVED, missing);
    root = References.resolveAll(extended.root(), RESERVED);
    Limits.checkExpanded(root, file, "aliases, extends and !reference tags");

    Rules workflowRules = null;
    if (root.getSet("workflow") instanceof YMap workflow && workflow.getSet("rules") != null) {
      workflowRules = Rules.read(workflow.getSet("rules"), "workflow", true, fileWarnings, null);
    }
    Map<String, JobMapper.Default> defaults = defaults(root, fileWarnings);
    YNode variables = root.getSet("variables");
    List<Variable> globals = variables == null ? List.of()
        : Values.variables(variables, "variables", fileWarnings, null);
    JobMapper mapper = new JobMapper(defaults, globals, missing);
    List<String> stages = stages(root, missing);

    List<String> names = new ArrayList<>();
    Map<String, JobSpec> jobs = new LinkedHashMap<>();
    Map<String, List<String>> jobWarnings = new LinkedHashMap<>();
    Map<String, JobInfo> info = new LinkedHashMap<>();
    Map<String, List<String>> parallelJobs = new LinkedHashMap<>();
    Map<String, ConfigError> broken = new LinkedHashMap<>();
    for (YMap.Entry original : includesOrder(extended)) {
      String name = original.key();
      if (extended.broken().containsKey(name)) {
        if (!name.startsWith(".")) {
          broken.put(name, extended.broken().get(name));
          names.add(name);
          jobWarnings.put(name, List.of());
        }
        continue;
      }
      YMap.Entry e = root.entries().get(name);
      if (e == null || RESERVED.contains(e.key()) || e.key().startsWith(".")) {
        continue;
      }
      YMap config = (YMap) e.value();
      Diagnostics warnings = new Diagnostics();
      JobSpec spec = mapper.map(name, e.keyLoc(), config, warnings);
      JobInfo base;
      List<Parallel.Instance> instances;
      try {
        String stage = config.getSet("stage") instanceof YScalar st && st.isString() ? st.text() : "test";
        if (stages != null && !stages.contains(stage)) {
          throw ConfigError.at(config.getSet("stage") == null ? e.keyLoc() : config.keyLoc("stage"), name
              + " job: chosen stage " + stage + " does not exist; available stages are " + String.join(", ", stages));
        }
        String when = config.getSet("when") instanceof YScalar w && w.isString() ? w.text() : "on_success";
        Rules rules = config.getSet("rules") == null ? null
            : Rules.read(config.getSet("rules"), "jobs:" + name, false, warnings, name);
        Set<String> own = config.getSet("variables") instanceof YMap vars ? Set.copyOf(vars.keys()) : Set.of();
        List<String> withRules = rules == null ? List.of()
            : Stream.of("only", "except").filter(k -> config.getSet(k) != null).toList();
        if (!withRules.isEmpty()) {
          throw ConfigError.at(config.keyLoc(withRules.get(0)), "jobs:" + name
              + " config key may not be used with `rules`: " + String.join(", ", withRules));
        }
        base = new JobInfo(name, Map.of(), stage, rules, when, own, OnlyExcept.read(config, name));
        instances = Parallel.instances(name, config);
      } catch (ConfigError error) {
        throw error.inJob(name);
      }
      if (instances == null) {
        add(names, jobs, jobWarnings, info, name, spec, warnings.warnings(), base, e.keyLoc());
        continue;
      }
      List<String> instanceNames = new ArrayList<>();
      for (Parallel.Instance instance : instances) {
        JobSpec.Builder b = spec.toBuilder().name(instance.name());
        instance.matrix().forEach(b::variable);
        b.variable("CI_NODE_INDEX", Integer.toString(instance.index()));
        b.variable("CI_NODE_TOTAL", Integer.toString(instance.total()));
        add(names, jobs, jobWarnings, info, instance.name(), b.build(), warnings.warnings(),
            new JobInfo(name, instance.matrix(), base.stage(), base.rules(), base.when(), base.ownVariables(),
                base.onlyExcept()),
            e.keyLoc());
        instanceNames.add(instance.name());
      }
      parallelJobs.put(name, List.copyOf(instanceNames));
    }
    if (names.isEmpty()) {
      throw ConfigError.at(Loc.file(file), "jobs config should contain at least one visible job"
          + (missing.isEmpty() ? "" : "; its jobs may come from " + Includes.Missing.describeAll(missing)));
    }
    return new Result(List.copyOf(names), jobs, fileWarnings.warnings(), jobWarnings, info, parallelJobs,
        workflowRules, broken, missing.stream().map(Includes.Missing::describe).toList());
  }

  /**
   * The pipeline's stages as GitLab has them: {@code .pre}, those of {@code stages} (or the
   * deprecated {@code types}), or {@code build, test, deploy} when neither is set, then {@code
   * .post}. Null when they cannot be known: the file sets none and an include that could set them
   * was not read.
   */
  private static @Nullable List<String> stages(YMap root, List<Includes.Missing> missing) {
    YNode node = root.getSet("stages") != null ? root.getSet("stages") : root.getSet("types");
    if (node == null) {
      return missing.isEmpty() ? List.of(".pre", "build", "test", "deploy", ".post") : null;
    }
    if (!(node instanceof YSeq seq)) {
      throw Values.typeError("stages", "a list of stage names", node, "e.g. stages: [build, test]");
    }
    List<String> out = new ArrayList<>(List.of(".pre"));
    for (YNode item : seq.items()) {
      if (!(item instanceof YScalar s)) {
        throw Values.typeError("stages", "a list of stage names", item, "e.g. stages: [build, test]");
      }
      if (!out.contains(s.text())) {
        out.add(s.text());
      }
    }
    if (!out.contains(".post")) {
      out.add(".post");
    }
    return out;
  }

  /** Every top-level entry in file order, the jobs left out for a missing include among them. */
  private static List<YMap.Entry> includesOrder(Extends.Result extended) {
    return List.copyOf(extended.order());
  }

  private static void add(List<String> names, Map<String, JobSpec> jobs, Map<String, List<String>> jobWarnings,
      Map<String, JobInfo> info, String name, JobSpec spec, List<String> warnings, JobInfo jobInfo, Loc loc) {
    if (jobs.containsKey(name)) {
      throw ConfigError.at(loc, "jobs:" + name + " is defined twice (a parallel job's instance has"
          + " the name of another job)");
    }
    names.add(name);
    jobs.put(name, spec);
    jobWarnings.put(name, warnings);
    info.put(name, jobInfo);
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
