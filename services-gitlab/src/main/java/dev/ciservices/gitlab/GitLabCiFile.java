package dev.ciservices.gitlab;

import dev.ciservices.JobSpec;
import dev.ciservices.Variable;
import dev.ciservices.Variables;
import dev.ciservices.gitlab.internal.ConfigError;
import dev.ciservices.gitlab.internal.ConfigReader;
import dev.ciservices.gitlab.internal.Diagnostics;
import dev.ciservices.gitlab.internal.GitCheckout;
import dev.ciservices.gitlab.internal.Limits;
import dev.ciservices.gitlab.internal.OnlyExcept;
import dev.ciservices.gitlab.internal.Rules;
import dev.ciservices.gitlab.internal.Loc;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A {@code .gitlab-ci.yml} read into one {@link JobSpec} per visible job, with GitLab's rules for
 * {@code include: local}, {@code extends}, {@code default}, {@code inherit}, YAML anchors and merge
 * keys, and {@code !reference}.
 *
 * <p>The whole file is read, checked and resolved when it is read: every problem GitLab would reject
 * the file for, in the keys this reader uses, throws {@link GitLabCiException} then. {@code parallel}
 * jobs become one job per instance, named as GitLab names them; {@code rules} and {@code workflow:
 * rules} are checked when read and evaluated by {@link #rules}. Keys that do not change what runs
 * ({@code artifacts}, {@code needs}, ...) are ignored; keys
 * that would change it but cannot be honoured ({@code hooks}, {@code services:docker}, ...) are
 * reported in {@link #warnings()}. Immutable and thread-safe.
 */
public final class GitLabCiFile {
  private final String source;
  private final List<String> jobNames;
  private final Map<String, JobSpec> jobs;
  private final List<String> fileWarnings;
  private final Map<String, List<String>> jobWarnings;
  private final Map<String, ConfigReader.JobInfo> info;
  private final Map<String, List<String>> parallelJobs;
  private final @Nullable Rules workflow;
  private final Map<String, GitLabCiException> broken;
  private final List<String> missingIncludes;

  private GitLabCiFile(String source, ConfigReader.Result result) {
    this.source = source;
    this.jobNames = List.copyOf(result.jobNames());
    this.jobs = Map.copyOf(result.jobs());
    this.fileWarnings = List.copyOf(result.fileWarnings());
    this.jobWarnings = result.jobWarnings().entrySet().stream()
        .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> List.copyOf(e.getValue())));
    this.info = Map.copyOf(result.info());
    this.parallelJobs = Map.copyOf(result.parallelJobs());
    this.workflow = result.workflow();
    this.broken = result.broken().entrySet().stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getKey,
        e -> new GitLabCiException(String.valueOf(e.getValue().getMessage()), e.getValue().loc().file(), e.getValue().loc().line(),
            e.getValue().job(), e.getValue().problem(), null)));
    this.missingIncludes = List.copyOf(result.missingIncludes());
  }

  /**
   * Reads a file whose directory is the project directory, where {@code include: local} paths
   * start (the usual place of {@code .gitlab-ci.yml}).
   *
   * @throws GitLabCiException when the file cannot be read or GitLab would reject it
   */
  public static GitLabCiFile read(Path file) {
    Path absolute = file.toAbsolutePath();
    Path dir = absolute.getParent();
    return read(file, dir == null ? absolute : dir);
  }

  /**
   * Reads a file with {@code include: local} paths relative to {@code projectDir}.
   *
   * @throws GitLabCiException when the file cannot be read or GitLab would reject it
   */
  public static GitLabCiFile read(Path file, Path projectDir) {
    return read(file, projectDir, IncludeOptions.localOnly());
  }

  /**
   * Reads a file whose directory is the project directory, fetching {@code remote}, {@code
   * project}, {@code template} and {@code component} includes as {@code includes} says. An include
   * that cannot be read is warned about once; the jobs that need it fail in {@link #job(String)},
   * naming it, and every other job is read.
   *
   * @throws GitLabCiException when the file cannot be read or GitLab would reject it
   */
  public static GitLabCiFile read(Path file, IncludeOptions includes) {
    Path absolute = file.toAbsolutePath();
    Path dir = absolute.getParent();
    return read(file, dir == null ? absolute : dir, includes);
  }

  /** As {@link #read(Path, IncludeOptions)}, with local includes relative to {@code projectDir}. */
  public static GitLabCiFile read(Path file, Path projectDir, IncludeOptions includes) {
    Path absolute = file.toAbsolutePath().normalize();
    Path dir = projectDir.toAbsolutePath().normalize();
    String name = (absolute.startsWith(dir) ? dir.relativize(absolute) : absolute).toString().replace('\\', '/');
    Limits limits = new Limits();
    String text;
    try {
      text = limits.read(absolute, file.toString(), Loc.file(name), "");
    } catch (ConfigError e) {
      throw new GitLabCiException(String.valueOf(e.getMessage()), e.loc().file(), e.loc().line(), e.job(), e.problem(), null);
    }
    return read(text, name, dir, absolute, includes, limits);
  }

  /**
   * Reads YAML text; {@code displayName} names it in messages. Such text cannot use
   * {@code include: local}, which needs a project directory: use {@link #read(Path)} for that.
   *
   * @throws GitLabCiException when GitLab would reject the text
   */
  public static GitLabCiFile parse(String yaml, String displayName) {
    return read(yaml, displayName, null, null, IncludeOptions.localOnly(), null);
  }

  private static GitLabCiFile read(String text, String name, @Nullable Path projectDir, @Nullable Path file,
      IncludeOptions includes, @Nullable Limits read) {
    try {
      Limits limits = read;
      if (limits == null) {
        limits = new Limits();
        limits.countText(text, name);
      }
      return new GitLabCiFile(name, ConfigReader.read(text, name, projectDir, file, includes, limits));
    } catch (ConfigError e) {
      throw new GitLabCiException(String.valueOf(e.getMessage()), e.loc().file(), e.loc().line(), e.job(), e.problem(), null);
    }
  }

  /** The display name of the file, e.g. {@code .gitlab-ci.yml}. */
  public String source() {
    return source;
  }

  /** The visible jobs in file order (included files' jobs first, as GitLab merges them); no hidden jobs. */
  public List<String> jobNames() {
    return jobNames;
  }

  /**
   * The job's spec: its image, services, variables (global first, then the job's) and scripts.
   *
   * @throws GitLabCiException listing the jobs when there is no such visible job
   */
  public JobSpec job(String name) {
    JobSpec job = jobs.get(name);
    GitLabCiException needsMissing = broken.get(name);
    if (needsMissing != null) {
      throw needsMissing;
    }
    if (job == null) {
      throw unknownJob(name);
    }
    return job;
  }

  /**
   * The job's {@code stage}, {@code test} when it sets none (as in GitLab).
   *
   * @throws GitLabCiException listing the jobs when there is no such visible job
   */
  public String stage(String job) {
    return info(job).stage();
  }

  /**
   * The jobs a {@code parallel} job runs as, named as GitLab names them ({@code test: [16, redis]},
   * {@code test 1/3}); empty for a job that is not parallel or does not exist.
   */
  public List<String> instances(String baseName) {
    return parallelJobs.getOrDefault(baseName, List.of());
  }

  /** The name in the file of a job or of a parallel job's instance. */
  public String baseName(String job) {
    return info(job).baseName();
  }

  /** The matrix variables of a {@code parallel: matrix} instance, in key order; empty for other jobs. */
  public Map<String, String> matrix(String job) {
    return info(job).matrix();
  }

  /**
   * What {@code workflow: rules} and the job's {@code rules} (or its {@code when}) decide for these
   * variables, with {@code exists} and {@code changes} matched against the checkout at {@code
   * projectDir}: the first matching rule wins, {@code rules: variables} are added, no matching rule
   * means {@code never}. A job without {@code rules} is decided by its {@code only} and {@code
   * except}; without {@code only} (and without {@code workflow: rules} in the file) by GitLab's default
   * {@code only: [branches, tags]}, so a pipeline with neither a branch nor a tag (a detached checkout)
   * does not get it. Without {@code CI_COMMIT_SHA} (a directory outside a git checkout, which has no
   * ref at all) the default is not applied.
   *
   * @param variables the variables the rules see: the job's, with predefined and project ones
   */
  public RuleOutcome rules(String job, List<Variable> variables, Path projectDir) {
    ConfigReader.JobInfo jobInfo = info(job);
    GitCheckout checkout = GitCheckout.at(projectDir);
    List<Variable> added = new ArrayList<>();
    String workflowReason = "";
    if (workflow != null) {
      Rules.Decision decision = workflow.evaluate(variables, checkout, "always");
      if (decision.when().equals("never")) {
        String reason = decision.reason().startsWith("no rule")
            ? decision.reason() + " (GitLab: Pipeline filtered out by workflow rules.)" : decision.reason();
        return new RuleOutcome("never", reason, List.of());
      }
      decision.variables().stream().filter(v -> !jobInfo.ownVariables().contains(v.key())).forEach(added::add);
      workflowReason = decision.reason() + "; ";
    }
    // GitLab's default only: [branches, tags], unless rules or workflow:rules remove it; a directory
    // outside a git checkout has no commit (no CI_COMMIT_SHA) and so no ref to decide it on
    String sha = Variables.lastValue("CI_COMMIT_SHA", variables);
    OnlyExcept onlyExcept = jobInfo.rules() == null && workflow == null && sha != null && !sha.isEmpty()
        ? OnlyExcept.withDefaultOnly(jobInfo.onlyExcept()) : jobInfo.onlyExcept();
    if (jobInfo.rules() == null && onlyExcept != null) {
      List<Variable> expanded = Variables.sortAndExpand(variables).variables();
      OnlyExcept.Decision decision = onlyExcept.evaluate(name -> Variables.lastValue(name, expanded), checkout);
      return decision.included()
          ? new RuleOutcome(jobInfo.when(), workflowReason + decision.reason() + ": when: " + jobInfo.when(), added)
          : new RuleOutcome("never", workflowReason + decision.reason(), List.of());
    }
    if (jobInfo.rules() == null) {
      return new RuleOutcome(jobInfo.when(), workflowReason + "no rules: when: " + jobInfo.when(), added);
    }
    List<Variable> seen = new ArrayList<>(variables);
    seen.addAll(added);
    Rules.Decision decision = jobInfo.rules().evaluate(seen, checkout, jobInfo.when());
    added.addAll(decision.variables());
    return new RuleOutcome(decision.when(), workflowReason + decision.reason(),
        decision.when().equals("never") ? List.of() : added);
  }

  /**
   * The includes that could not be read, each as {@code include project "a/b" file "x.yml" that
   * could not be read: why}; empty when every include was read.
   */
  public List<String> missingIncludes() {
    return missingIncludes;
  }

  private ConfigReader.JobInfo info(String job) {
    GitLabCiException needsMissing = broken.get(job);
    if (needsMissing != null) {
      throw needsMissing;
    }
    ConfigReader.JobInfo found = info.get(job);
    if (found == null) {
      throw unknownJob(job);
    }
    return found;
  }

  /** All warnings: those about the file first, then each job's in job order. */
  public List<String> warnings() {
    List<String> all = new ArrayList<>(fileWarnings);
    jobNames.forEach(n -> all.addAll(jobWarnings.get(n)));
    return List.copyOf(all);
  }

  /**
   * The warnings that concern one job: those about the file (skipped includes, global variables,
   * {@code default}), then the job's own (its keys that would change what runs but are not
   * supported).
   *
   * @throws GitLabCiException listing the jobs when there is no such visible job
   */
  public List<String> warnings(String job) {
    List<String> own = jobWarnings.get(job);
    if (own == null) {
      throw unknownJob(job);
    }
    List<String> all = new ArrayList<>(fileWarnings);
    all.addAll(own);
    return List.copyOf(all);
  }

  private GitLabCiException unknownJob(String name) {
    String jobsList = jobNames.stream().map(n -> '"' + n + '"').collect(Collectors.joining(", "));
    List<String> instances = parallelJobs.get(name);
    String problem = instances != null
        ? "\"" + name + "\" is a parallel job that runs as " + instances.size() + " jobs; name one of them: "
            + instances.stream().map(n -> '"' + n + '"').collect(Collectors.joining(", "))
        : name.startsWith(".")
        ? "\"" + name + "\" is a hidden job (its name starts with a dot), which GitLab never runs; the jobs are "
            + jobsList
        : "no job \"" + name + "\"; the jobs are " + jobsList;
    return new GitLabCiException(Diagnostics.format(Loc.file(source), null, problem), source, 0, null, problem,
        null);
  }

  @Override
  public String toString() {
    return "GitLabCiFile{" + source + ", jobs=" + jobNames + "}";
  }
}
