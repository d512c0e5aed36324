package dev.ciservices;

import dev.ciservices.internal.AliasPolicy;
import dev.ciservices.internal.Checks;
import dev.ciservices.internal.Lists;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One item of a job's {@code services:}: an image to run as a service container, with GitLab's keys
 * {@code name}, {@code alias}, {@code entrypoint}, {@code command}, {@code variables} and {@code
 * pull_policy}.
 *
 * <p>{@code name} and {@code alias} may refer to job variables ({@code $NAME}, {@code ${NAME}}); they
 * are expanded when the job is planned. {@code entrypoint} and {@code command} are never expanded by
 * GitLab and are passed to the container as written. Immutable and thread-safe; {@link #toString()}
 * masks masked variable values.
 */
public final class ServiceSpec {
  /**
   * This spec's values: a copy of the builder it was built from, taken at {@link Builder#build()}.
   * Every field of a builder is an immutable value, so the copy is a plain field-by-field clone and
   * no list of fields is written out by hand for it or for {@link #toBuilder()}.
   */
  private final Builder fields;

  private ServiceSpec(Builder b) {
    this.fields = b.copy();
  }

  /** The short form, {@code services: [postgres:16]}. */
  public static ServiceSpec of(String name) {
    return builder(name).build();
  }

  /** A builder for the service with this image name. */
  public static Builder builder(String name) {
    return new Builder().name(name);
  }

  /**
   * A service as {@code [[runners.docker.services]]} of {@code config.toml} declares it: each {@code
   * environment} entry {@code K=V} becomes an internal variable, and entries without {@code =} are
   * dropped, as the runner does. The name may be empty, as in {@code config.toml}: the plan then
   * skips the service, or rejects it when it has an alias, as the runner does.
   */
  public static ServiceSpec fromRunnerConfig(
      String name, String alias, List<String> command, List<String> entrypoint, List<String> environment) {
    Builder b = new Builder().alias(alias).command(command).entrypoint(entrypoint);
    // The runner accepts an entry with an empty name: it is skipped without a word when it has no
    // alias, and fails with "invalid service image name" when it has one (runner-semantics.md 8.3).
    b.name = Checks.notNull("ServiceSpec.name", name);
    for (String entry : environment) {
      int eq = entry.indexOf('=');
      if (eq >= 0) {
        b.variable(Variable.internal(entry.substring(0, eq), entry.substring(eq + 1)));
      }
    }
    return b.build();
  }

  /** The image name as written, possibly holding variable references. */
  public String name() {
    return fields.name;
  }

  /** The {@code alias} value as written: empty, one alias, or several separated by commas or spaces. */
  public String alias() {
    return fields.alias;
  }

  /** The aliases as written, split on commas and white space (not expanded). */
  public List<String> aliases() {
    return AliasPolicy.split(fields.alias);
  }

  /** The entrypoint override; empty keeps the image's. */
  public List<String> entrypoint() {
    return fields.entrypoint;
  }

  /** The command override; empty keeps the image's. */
  public List<String> command() {
    return fields.command;
  }

  /** Variables given to this service only, in order. */
  public List<Variable> variables() {
    return fields.variables;
  }

  /** The requested pull policies in order; empty means the runner's. */
  public List<PullPolicy> pullPolicies() {
    return fields.pullPolicies;
  }

  /**
   * Container ports to publish on random host ports, so that the calling JVM can reach them (not a
   * GitLab key: a job reaches services by hostname, a test in the JVM through these).
   */
  public List<Integer> ports() {
    return fields.ports;
  }

  /** Extra readiness conditions, checked after GitLab's TCP health check. */
  public List<WaitCondition> waitConditions() {
    return fields.waitConditions;
  }

  /** The user the service runs as ({@code services:docker:user}); empty keeps the image's. */
  public String user() {
    return fields.user;
  }

  /** The image platform to pull and run ({@code services:docker:platform}), e.g. {@code linux/arm64}; empty: the engine's. */
  public String platform() {
    return fields.platform;
  }

  /** A builder holding this spec's values. */
  public Builder toBuilder() {
    return fields.copy();
  }

  /** A copy with this alias value. */
  public ServiceSpec withAlias(String alias) {
    return toBuilder().alias(alias).build();
  }

  /** A copy with one more service variable. */
  public ServiceSpec withVariable(String key, String value) {
    return toBuilder().variable(key, value).build();
  }

  /** A copy with these pull policies. */
  public ServiceSpec withPullPolicies(PullPolicy... policies) {
    return toBuilder().clearPullPolicies().pullPolicy(policies).build();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ServiceSpec that && values().equals(that.values());
  }

  @Override
  public int hashCode() {
    return values().hashCode();
  }

  /** Every field, in declaration order: the one list equality and the hash code are made of. */
  private List<@Nullable Object> values() {
    Builder f = fields;
    return Arrays.asList(
        f.name, f.alias, f.entrypoint, f.command, f.variables, f.pullPolicies, f.ports, f.waitConditions, f.user, f.platform);
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("ServiceSpec{name=").append(fields.name);
    if (!fields.alias.isEmpty()) {
      s.append(", alias=").append(fields.alias);
    }
    if (!fields.entrypoint.isEmpty()) {
      s.append(", entrypoint=").append(fields.entrypoint);
    }
    if (!fields.command.isEmpty()) {
      s.append(", command=").append(fields.command);
    }
    if (!fields.variables.isEmpty()) {
      s.append(", variables=").append(fields.variables);
    }
    if (!fields.pullPolicies.isEmpty()) {
      s.append(", pull_policy=").append(fields.pullPolicies);
    }
    if (!fields.ports.isEmpty()) {
      s.append(", ports=").append(fields.ports);
    }
    if (!fields.user.isEmpty()) {
      s.append(", user=").append(fields.user);
    }
    if (!fields.platform.isEmpty()) {
      s.append(", platform=").append(fields.platform);
    }
    if (!fields.waitConditions.isEmpty()) {
      s.append(", waitFor=").append(fields.waitConditions.stream().map(WaitCondition::describe).toList());
    }
    return s.append('}').toString();
  }

  /** Builds a {@link ServiceSpec}; every setter checks its argument and names it when it fails. */
  public static final class Builder implements Cloneable {
    private String name = "";
    private String alias = "";
    private List<String> entrypoint = List.of();
    private List<String> command = List.of();
    private List<Variable> variables = List.of();
    private List<PullPolicy> pullPolicies = List.of();
    private List<Integer> ports = List.of();
    private List<WaitCondition> waitConditions = List.of();
    private String user = "";
    private String platform = "";

    private Builder() {}

    /** {@code services:docker:user}: the user the service container runs as, e.g. {@code 1000} or {@code postgres}. */
    public Builder user(String user) {
      Checks.notNull("ServiceSpec.docker.user", user);
      if (user.isBlank()) {
        throw new IllegalArgumentException("ServiceSpec.docker.user is empty; give a user such as \"1000\"");
      }
      this.user = user;
      return this;
    }

    /** {@code services:docker:platform}: the image platform, e.g. {@code linux/arm64}. */
    public Builder platform(String platform) {
      this.platform = platform(platform, "ServiceSpec.docker.platform");
      return this;
    }

    static String platform(String platform, String field) {
      Checks.notNull(field, platform);
      if (!platform.matches("[a-z0-9]+/[a-z0-9_]+(/[a-z0-9]+)?")) {
        throw new IllegalArgumentException(field + " \"" + platform + "\" is not os/arch[/variant]; e.g. \"linux/amd64\"");
      }
      return platform;
    }

    /** The image name; may refer to job variables, e.g. {@code selenium/standalone-firefox:${VERSION}}. */
    public Builder name(String name) {
      Checks.notNull("ServiceSpec.name", name);
      if (name.isBlank()) {
        throw new IllegalArgumentException(
            "ServiceSpec.name is empty; give an image name such as \"postgres:16\"");
      }
      this.name = name;
      return this;
    }

    /** The {@code alias} value: one alias or several separated by commas or white space. */
    public Builder alias(String alias) {
      this.alias = Checks.notNull("ServiceSpec.alias", alias);
      return this;
    }

    /** Sets the aliases from a list; none may be empty or hold a comma or white space. */
    public Builder aliases(String... aliases) {
      for (int i = 0; i < aliases.length; i++) {
        String a = Checks.notNull("ServiceSpec.aliases[" + i + "]", aliases[i]);
        if (a.isEmpty() || !AliasPolicy.split(a).equals(List.of(a))) {
          throw new IllegalArgumentException("ServiceSpec.aliases[" + i + "] \"" + a
              + "\" is not one alias; pass each alias separately, or a single string to alias(...)");
        }
      }
      this.alias = String.join(",", aliases);
      return this;
    }

    /** The entrypoint override, one array element per shell token, as in a Dockerfile. */
    public Builder entrypoint(String... entrypoint) {
      return entrypoint(Arrays.asList(entrypoint));
    }

    /** The entrypoint override. */
    public Builder entrypoint(List<String> entrypoint) {
      this.entrypoint = Checks.copyOf("ServiceSpec.entrypoint", entrypoint);
      return this;
    }

    /** The command override, one array element per shell token, as in a Dockerfile. */
    public Builder command(String... command) {
      return command(Arrays.asList(command));
    }

    /** The command override. */
    public Builder command(List<String> command) {
      this.command = Checks.copyOf("ServiceSpec.command", command);
      return this;
    }

    /** Adds a variable for this service only. */
    public Builder variable(String key, String value) {
      String path = "ServiceSpec.variables[" + variables.size() + "]";
      Checks.notNull(path + ".value", value);
      return variable(Checks.at(path, () -> Variable.of(key, value)));
    }

    /** Adds a variable, with its flags, for this service only. */
    public Builder variable(Variable variable) {
      variables = Lists.append(variables, Checks.notNull("ServiceSpec.variables[" + variables.size() + "]", variable));
      return this;
    }

    /** Adds variables in the map's iteration order. */
    public Builder variables(Map<String, String> variables) {
      variables.forEach(this::variable);
      return this;
    }

    /** Adds requested pull policies, in order of preference. */
    public Builder pullPolicy(PullPolicy... policies) {
      for (PullPolicy p : policies) {
        pullPolicies = Lists.append(pullPolicies, Checks.notNull("ServiceSpec.pull_policy[" + pullPolicies.size() + "]", p));
      }
      return this;
    }

    /**
     * Adds requested pull policies as written in {@code .gitlab-ci.yml}.
     *
     * @throws IllegalArgumentException naming the value and the accepted ones
     */
    public Builder pullPolicy(String... policies) {
      for (String p : policies) {
        String path = "ServiceSpec.pull_policy[" + pullPolicies.size() + "]";
        pullPolicies = Lists.append(pullPolicies, Checks.at(path, () -> PullPolicy.parse(Checks.notNull(path, p))));
      }
      return this;
    }

    /** Publishes container ports on random host ports for the calling JVM. */
    public Builder ports(int... containerPorts) {
      for (int port : containerPorts) {
        if (port < 1 || port > 65535) {
          throw new IllegalArgumentException("ServiceSpec.ports[" + ports.size() + "] " + port
              + " is not a TCP port; use 1 to 65535, e.g. 5432");
        }
        if (!ports.contains(port)) {
          ports = Lists.append(ports, port);
        }
      }
      return this;
    }

    /** Adds extra readiness conditions, e.g. {@code Wait.forHttp(8080, "/health")}. */
    public Builder waitFor(WaitCondition... conditions) {
      for (WaitCondition c : conditions) {
        waitConditions = Lists.append(waitConditions, Checks.notNull("ServiceSpec.waitFor[" + waitConditions.size() + "]", c));
      }
      return this;
    }

    Builder clearPullPolicies() {
      pullPolicies = List.of();
      return this;
    }

    /** The spec. */
    public ServiceSpec build() {
      return new ServiceSpec(this);
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
