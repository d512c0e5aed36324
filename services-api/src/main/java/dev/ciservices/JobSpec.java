package dev.ciservices;

import dev.ciservices.internal.DebugServices;
import dev.ciservices.internal.Checks;
import dev.ciservices.internal.Lists;
import java.util.ArrayList;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A CI job as far as services are concerned: its {@code image}, its {@code services}, its {@code
 * variables} (with GitLab's public, masked, file and raw flags), its scripts, and the project it
 * belongs to. Settings such as {@code CI_DEBUG_SERVICES} are variables, as in GitLab.
 *
 * <p>Immutable and thread-safe; {@link #toString()} masks masked variable values.
 */
public final class JobSpec {
  private static final Pattern PROJECT_PATH = Pattern.compile("[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)+");

  /** The longest job timeout: GitLab's project timeout goes up to a month. */
  public static final Duration MAX_TIMEOUT = Duration.ofDays(30);

  /**
   * This job's values: a copy of the builder it was built from. Every field of a builder is an
   * immutable value, so the copy is a plain clone and no list of fields is written out for it or for
   * {@link #toBuilder()}.
   */
  private final Builder fields;

  private JobSpec(Builder b) {
    this.fields = b.copy();
  }

  /** A builder with the job name {@code job} and the project {@code local/project}. */
  public static Builder builder() {
    return new Builder();
  }

  /** A job with only these services. */
  public static JobSpec ofServices(ServiceSpec... services) {
    return builder().services(services).build();
  }

  /** The job's name, e.g. {@code test:2.7}. */
  public String name() {
    return fields.name;
  }

  /** The job's {@code image}, if it has one. */
  public Optional<ImageSpec> image() {
    return Optional.ofNullable(fields.image);
  }

  /** The job's services in order. */
  public List<ServiceSpec> services() {
    return fields.services;
  }

  /** The job's variables in order, unexpanded; the last of a key wins. */
  public List<Variable> variables() {
    return fields.variables;
  }

  /** The {@code before_script} commands. */
  public List<String> beforeScript() {
    return fields.beforeScript;
  }

  /** The {@code script} commands. */
  public List<String> script() {
    return fields.script;
  }

  /** The {@code after_script} commands. */
  public List<String> afterScript() {
    return fields.afterScript;
  }

  /** The project path, {@code namespace/project}; the job's directory is {@code /builds/<path>}. */
  public String projectPath() {
    return fields.projectPath;
  }

  /** The project id ({@code CI_PROJECT_ID}). */
  public long projectId() {
    return fields.projectId;
  }

  /** The job id ({@code CI_JOB_ID}). */
  public long jobId() {
    return fields.jobId;
  }

  /** The host directory copied to {@code CI_PROJECT_DIR} before the scripts run, if any. */
  public Optional<Path> workspace() {
    return Optional.ofNullable(fields.workspace);
  }

  /** What of {@link #workspace()} the job sees; {@link WorkspaceMode#TRACKED_FILES} unless set. */
  public WorkspaceMode workspaceMode() {
    return fields.workspaceMode;
  }

  /** How long {@code before_script} and {@code script} may run; GitLab's default is one hour. */
  public Duration timeout() {
    return fields.timeout;
  }

  /** A builder holding this job's values. */
  public Builder toBuilder() {
    return fields.copy();
  }

  /** A copy with one more service. */
  public JobSpec withService(ServiceSpec service) {
    return toBuilder().service(service).build();
  }

  /** A copy with one more variable. */
  public JobSpec withVariable(Variable variable) {
    return toBuilder().variable(variable).build();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof JobSpec that && values().equals(that.values());
  }

  @Override
  public int hashCode() {
    return values().hashCode();
  }

  /** Every field, in declaration order: the one list equality and the hash code are made of. */
  private List<@Nullable Object> values() {
    Builder f = fields;
    return Arrays.asList(f.name, f.image, f.services, f.variables, f.beforeScript, f.script, f.afterScript, f.projectPath,
        f.projectId, f.jobId, f.workspace, f.workspaceMode, f.timeout);
  }

  @Override
  public String toString() {
    Builder f = fields;
    return "JobSpec{name=" + f.name + ", image=" + (f.image == null ? "-" : f.image.name()) + ", services=" + f.services
        + ", variables=" + f.variables + ", project=" + f.projectPath + "}";
  }

  /** Builds a {@link JobSpec}; every setter checks its argument and names it when it fails. */
  public static final class Builder implements Cloneable {
    private String name = "job";
    private @Nullable ImageSpec image;
    private List<ServiceSpec> services = List.of();
    private List<Variable> variables = List.of();
    private List<String> beforeScript = List.of();
    private List<String> script = List.of();
    private List<String> afterScript = List.of();
    private String projectPath = "local/project";
    private long projectId;
    private long jobId;
    private @Nullable Path workspace;
    private WorkspaceMode workspaceMode = WorkspaceMode.TRACKED_FILES;
    private Duration timeout = Duration.ofHours(1);

    private Builder() {}

    /** The job's name. */
    public Builder name(String name) {
      Checks.notNull("JobSpec.name", name);
      if (name.isBlank()) {
        throw new IllegalArgumentException("JobSpec.name is empty; give the job a name such as \"test\"");
      }
      this.name = name;
      return this;
    }

    /** The job image. */
    public Builder image(String name) {
      this.image = ImageSpec.of(name);
      return this;
    }

    /** The job image with its entrypoint. */
    public Builder image(ImageSpec image) {
      this.image = Checks.notNull("JobSpec.image", image);
      return this;
    }

    /** Adds a service. */
    public Builder service(ServiceSpec service) {
      services = Lists.append(services, Checks.notNull("JobSpec.services[" + services.size() + "]", service));
      return this;
    }

    /** Adds a service in its short form, e.g. {@code redis:7}. */
    public Builder service(String name) {
      String path = "JobSpec.services[" + services.size() + "]";
      return service(Checks.at(path, () -> ServiceSpec.of(Checks.notNull(path, name))));
    }

    /** Adds services. */
    public Builder services(ServiceSpec... services) {
      Arrays.stream(services).forEach(this::service);
      return this;
    }

    /** Adds a public variable, as {@code variables:} in {@code .gitlab-ci.yml} does. */
    public Builder variable(String key, String value) {
      String path = "JobSpec.variables[" + variables.size() + "]";
      Checks.notNull(path + ".value", value);
      return variable(Checks.at(path, () -> Variable.of(key, value)));
    }

    /** Adds a variable with its flags (masked, file, raw, public). */
    public Builder variable(Variable variable) {
      variables = Lists.append(variables, Checks.notNull("JobSpec.variables[" + variables.size() + "]", variable));
      return this;
    }

    /**
     * Puts these variables before every variable added so far, as GitLab's predefined variables
     * come first: the file's and the project's variables override them.
     */
    public Builder predefinedVariables(List<Variable> predefined) {
      List<Variable> all = new ArrayList<>(Checks.copyOf("JobSpec.predefinedVariables", predefined));
      all.addAll(variables);
      variables = List.copyOf(all);
      return this;
    }

    /** Adds public variables in the map's iteration order. */
    public Builder variables(Map<String, String> variables) {
      variables.forEach(this::variable);
      return this;
    }

    /** Sets {@code CI_DEBUG_SERVICES}: stream every service's log into the trace. */
    public Builder debugServices(boolean enabled) {
      return variable(DebugServices.VARIABLE, Boolean.toString(enabled));
    }

    /** The {@code before_script} commands. */
    public Builder beforeScript(String... commands) {
      this.beforeScript = Checks.copyOf("JobSpec.before_script", Arrays.asList(commands));
      return this;
    }

    /** The {@code script} commands. */
    public Builder script(String... commands) {
      this.script = Checks.copyOf("JobSpec.script", Arrays.asList(commands));
      return this;
    }

    /** The {@code after_script} commands. */
    public Builder afterScript(String... commands) {
      this.afterScript = Checks.copyOf("JobSpec.after_script", Arrays.asList(commands));
      return this;
    }

    /** The project path, {@code namespace/project} (sub-groups allowed). */
    public Builder projectPath(String projectPath) {
      Checks.notNull("JobSpec.projectPath", projectPath);
      if (!PROJECT_PATH.matcher(projectPath).matches()) {
        throw new IllegalArgumentException("JobSpec.projectPath \"" + projectPath
            + "\" is not a project path; use namespace/project, e.g. \"my-group/my-app\"");
      }
      this.projectPath = projectPath;
      return this;
    }

    /** The project id. */
    public Builder projectId(long projectId) {
      if (projectId < 0) {
        throw new IllegalArgumentException("JobSpec.projectId " + projectId + " is negative; use 0 or more");
      }
      this.projectId = projectId;
      return this;
    }

    /** The job id. */
    public Builder jobId(long jobId) {
      if (jobId < 0) {
        throw new IllegalArgumentException("JobSpec.jobId " + jobId + " is negative; use 0 or more");
      }
      this.jobId = jobId;
      return this;
    }

    /**
     * The host directory whose tracked files are copied into the builds volume at {@code
     * CI_PROJECT_DIR} before the scripts run (GitLab clones the repository there); as {@link
     * #workspace(Path, WorkspaceMode)} with {@link WorkspaceMode#TRACKED_FILES}.
     *
     * @throws IllegalArgumentException when it is not an existing directory
     */
    public Builder workspace(Path directory) {
      return workspace(directory, WorkspaceMode.TRACKED_FILES);
    }

    /**
     * The host directory the job sees at {@code CI_PROJECT_DIR}, and what of it.
     *
     * @throws IllegalArgumentException when it is not an existing directory
     */
    public Builder workspace(Path directory, WorkspaceMode mode) {
      Checks.notNull("JobSpec.workspace", directory);
      Checks.notNull("JobSpec.workspaceMode", mode);
      if (!Files.isDirectory(directory)) {
        throw new IllegalArgumentException("JobSpec.workspace \"" + directory + "\" is not an existing directory;"
            + " give the project directory to copy into the job, e.g. Path.of(\".\")");
      }
      this.workspace = directory.toAbsolutePath().normalize();
      this.workspaceMode = mode;
      return this;
    }

    /** How long {@code before_script} and {@code script} may run. */
    public Builder timeout(Duration timeout) {
      Checks.notNull("JobSpec.timeout", timeout);
      if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
        throw new IllegalArgumentException("JobSpec.timeout " + timeout + " must be positive and at most "
            + MAX_TIMEOUT.toDays() + " days (GitLab's longest job timeout is a month), e.g. Duration.ofMinutes(10)");
      }
      this.timeout = timeout;
      return this;
    }

    /** The spec. */
    public JobSpec build() {
      return new JobSpec(this);
    }

    /** A field-by-field copy: every field holds an immutable value, so nothing is shared that can change. */
    private Builder copy() {
      try {
        return (Builder) super.clone();
      } catch (CloneNotSupportedException e) {
        throw new AssertionError("Builder is Cloneable", e);
      }
    }
  }
}
