package dev.ciservices.junit.internal;

import dev.ciservices.internal.AliasPolicy;
import dev.ciservices.NetworkMode;
import dev.ciservices.RunnerConfig;
import dev.ciservices.JobSpec;
import dev.ciservices.PullPolicy;
import dev.ciservices.ReadinessProbe;
import dev.ciservices.ServiceListener;
import dev.ciservices.ServiceSpec;
import dev.ciservices.Wait;
import dev.ciservices.gitlab.GitLabCiException;
import dev.ciservices.gitlab.GitLabCiFile;
import dev.ciservices.gitlab.RunnerConfigFile;
import dev.ciservices.junit.CiServices;
import dev.ciservices.junit.GitLabCiServices;
import dev.ciservices.junit.Service;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.commons.support.AnnotationSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a test class's {@link Service} and {@link CiServices} annotations (directly present,
 * inherited, or meta-present) into a {@link Definition}. Every bad value fails with an {@link
 * ExtensionConfigurationException} naming the annotation in {@code [...]} and the fix.
 */
public final class Declarations {
  private static final Logger LOG = LoggerFactory.getLogger("dev.ciservices.junit");
  private static final String[] DEFAULT_PULL_POLICY = {"if-not-present"};

  private Declarations() {}

  /** The services a class declares itself (not those of its enclosing classes), in order. */
  public static List<Service> services(Class<?> testClass) {
    return AnnotationSupport.findRepeatableAnnotations(testClass, Service.class);
  }

  /** The {@code .gitlab-ci.yml} job a class takes its services from, if any. */
  public static Optional<GitLabCiServices> gitlab(Class<?> testClass) {
    return AnnotationSupport.findAnnotation(testClass, GitLabCiServices.class);
  }

  /** Whether a class declares services itself, with {@link Service} or {@link GitLabCiServices}. */
  public static boolean declares(Class<?> testClass) {
    return !services(testClass).isEmpty() || gitlab(testClass).isPresent();
  }

  /** The options that apply to a class: its own {@link CiServices}, else its enclosing classes'. */
  public static Optional<CiServices> options(Class<?> testClass) {
    for (Class<?> c = testClass; c != null; c = enclosing(c)) {
      Optional<CiServices> options = AnnotationSupport.findAnnotation(c, CiServices.class);
      if (options.isPresent()) {
        return options;
      }
    }
    return Optional.empty();
  }

  /**
   * The definition of the services a class declares itself.
   *
   * @throws ExtensionConfigurationException naming the annotation and the value that is wrong
   */
  public static Definition of(Class<?> testClass) {
    String where = name(testClass);
    List<Service> services = services(testClass);
    Optional<CiServices> found = options(testClass);
    CiServices.Lifecycle lifecycle = found.map(CiServices::lifecycle).orElse(CiServices.Lifecycle.PER_CLASS);

    RunnerConfig config = runner(found, where);

    JobSpec.Builder job = JobSpec.builder().name(testClass.getName());
    Map<ServiceSpec, String> origins = new LinkedHashMap<>();
    gitlab(testClass).ifPresent(ci -> fromGitLabCi(ci, where, job, origins));
    boolean logs = found.map(CiServices::logs).orElse(false);
    if (found.isPresent()) {
      for (String variable : found.get().variables()) {
        String[] kv = keyValue(variable, "@CiServices(variables = " + quote(variable) + ")", where);
        checked("@CiServices(variables = " + quote(variable) + ")", where, () -> job.variable(kv[0], kv[1]));
      }
    }
    if (logs) {
      job.debugServices(true);
    }
    for (Service service : services) {
      String rendered = render(service);
      ServiceSpec spec = checked(rendered, where, () -> spec(service, rendered, where));
      job.service(spec);
      origins.putIfAbsent(spec, "[" + rendered + "] on " + where);
    }
    boolean keep = found.map(CiServices::keepOnFailure).orElse(false);
    return new Definition(job.build(), config, lifecycle, keep, logs, ServiceListener.NONE,
        new Origins(origins, where), where, found.map(CiServices::readiness).orElse(ReadinessProbe.AUTO));
  }

  /**
   * The runner: {@link RunnerConfig#local()}, with the {@code runnerConfig} file's keys on it if one
   * is given, then the annotation's pull policy, timeout and network mode (over a file's values only
   * where they are not at their defaults).
   */
  private static RunnerConfig runner(Optional<CiServices> found, String where) {
    RunnerConfig.Builder runner = RunnerConfig.local();
    boolean file = found.isPresent() && !found.get().runnerConfig().isEmpty();
    if (file) {
      runner = fromFile(found.get(), where, runner);
    } else if (found.isPresent() && !found.get().runnerName().isEmpty()) {
      throw new ExtensionConfigurationException("[@CiServices(runnerName = " + quote(found.get().runnerName())
          + ")] on " + where + ": runnerName needs runnerConfig; give the file too, e.g. @CiServices(runnerConfig"
          + " = \"ci/config.toml\", runnerName = " + quote(found.get().runnerName()) + ")");
    }
    String[] pullPolicy = found.map(CiServices::pullPolicy).orElse(DEFAULT_PULL_POLICY);
    if (!file || !Arrays.equals(pullPolicy, DEFAULT_PULL_POLICY)) {
      RunnerConfig.Builder onto = runner;
      checked("@CiServices(pullPolicy = " + render(pullPolicy) + ")", where, () -> onto.pullPolicy(pullPolicy));
    }
    int timeout = found.map(CiServices::timeoutSeconds).orElse(RunnerConfig.DEFAULT_WAIT_FOR_SERVICES_TIMEOUT);
    if (!file || timeout != RunnerConfig.DEFAULT_WAIT_FOR_SERVICES_TIMEOUT) {
      runner.waitForServicesTimeout(timeout);
    }
    NetworkMode mode = found.map(CiServices::networkMode).orElse(NetworkMode.PER_JOB);
    if (!file || mode != NetworkMode.PER_JOB) {
      runner.networkMode(mode);
    }
    if (found.isPresent()) {
      String ownerImage = found.get().podOwnerImage();
      RunnerConfig.Builder onto = runner;
      checked("@CiServices(podOwnerImage = " + quote(ownerImage) + ")", where, () -> onto.podOwnerImage(ownerImage));
    }
    return runner.build();
  }

  /** The {@code runnerConfig} file read onto the builder, its warnings logged. */
  private static RunnerConfig.Builder fromFile(CiServices options, String where, RunnerConfig.Builder onto) {
    String name = options.runnerName();
    String member = "@CiServices(runnerConfig = " + quote(options.runnerConfig())
        + (name.isEmpty() ? "" : ", runnerName = " + quote(name)) + ")";
    RunnerConfigFile read = checked(member, where,
        () -> RunnerConfigFile.read(Path.of(options.runnerConfig()), name.isEmpty() ? null : name, onto));
    read.warnings().forEach(w -> LOG.warn("[{}] on {}: {}", member, where, w));
    return read.runner();
  }

  /** Adds the job's variables and services, with the ports the annotation asks for. */
  private static void fromGitLabCi(GitLabCiServices ci, String where, JobSpec.Builder job,
      Map<ServiceSpec, String> origins) {
    String member = "@GitLabCiServices(job = " + quote(ci.job()) + ", file = " + quote(ci.file()) + ")";
    JobSpec ciJob;
    try {
      ciJob = GitLabCiFile.read(Path.of(ci.file())).job(ci.job());
    } catch (GitLabCiException e) {
      throw new ExtensionConfigurationException("[" + member + "] on " + where + ": " + e.getMessage(), e);
    }
    ciJob.variables().forEach(job::variable);
    List<ServiceSpec> specs = new ArrayList<>(ciJob.services());
    for (String entry : ci.ports()) {
      int colon = entry.lastIndexOf(':');
      int port;
      try {
        port = Integer.parseInt(entry.substring(colon + 1));
      } catch (NumberFormatException | IndexOutOfBoundsException e) {
        throw new ExtensionConfigurationException("[" + member + "] on " + where + ": ports entry " + quote(entry)
            + " is not hostname:port; write it as e.g. \"db:5432\"");
      }
      String hostname = colon < 0 ? "" : entry.substring(0, colon);
      int index = -1;
      for (int i = 0; i < specs.size() && index < 0; i++) {
        ServiceSpec s = specs.get(i);
        if (s.aliases().contains(hostname) || AliasPolicy.defaultAliases(s.name()).contains(hostname)) {
          index = i;
        }
      }
      if (index < 0) {
        throw new ExtensionConfigurationException("[" + member + "] on " + where + ": no service of job "
            + quote(ci.job()) + " answers to " + quote(hostname) + "; its services are " + specs.stream()
            .map(s -> s.name() + (s.alias().isEmpty() ? "" : " (alias " + s.alias() + ")")).toList());
      }
      int at = index;
      specs.set(at, checked(member, where, () -> specs.get(at).toBuilder().ports(port).build()));
    }
    for (ServiceSpec spec : specs) {
      job.service(spec);
      origins.putIfAbsent(spec, "[" + member + "] on " + where);
    }
  }

  private static ServiceSpec spec(Service service, String rendered, String where) {
    ServiceSpec.Builder b = ServiceSpec.builder(image(service)).alias(service.alias())
        .entrypoint(service.entrypoint()).command(service.command()).pullPolicy(service.pullPolicy())
        .ports(service.ports());
    for (String variable : service.variables()) {
      String[] kv = keyValue(variable, rendered, where);
      b.variable(kv[0], kv[1]);
    }
    if (!service.waitForLog().isEmpty()) {
      b.waitFor(Wait.forLogMessage(service.waitForLog(), service.waitForLogTimes()));
    } else if (service.waitForLogTimes() != 1) {
      throw new IllegalArgumentException("waitForLogTimes without waitForLog; give the regular expression to count");
    }
    return b.build();
  }

  /**
   * The image of a {@link Service}: its {@code value} or its {@code name}, exactly one of which is given.
   *
   * @throws IllegalArgumentException with the fix when both or neither are given
   */
  public static String image(Service service) {
    boolean value = !service.value().isEmpty();
    boolean name = !service.name().isEmpty();
    if (value && name) {
      throw new IllegalArgumentException("both value and name give the image; keep one: @Service("
          + quote(service.value()) + ") or @Service(name = " + quote(service.name()) + ")");
    }
    if (!value && !name) {
      throw new IllegalArgumentException("no image; give it as @Service(\"redis:7\") or @Service(name = \"redis:7\")");
    }
    return value ? service.value() : service.name();
  }

  private static String[] keyValue(String entry, String member, String where) {
    int eq = entry.indexOf('=');
    if (eq <= 0) {
      throw new ExtensionConfigurationException("[" + member + "] on " + where + ": variable " + quote(entry)
          + " is not KEY=value; write it as e.g. \"POSTGRES_PASSWORD=secret\"");
    }
    return new String[] {entry.substring(0, eq), entry.substring(eq + 1)};
  }

  private static <T> T checked(String member, String where, Supplier<T> action) {
    try {
      return action.get();
    } catch (IllegalArgumentException e) {
      throw new ExtensionConfigurationException("[" + member + "] on " + where + ": " + e.getMessage(), e);
    }
  }

  /** The class as messages name it: its binary name without the package, e.g. {@code CacheIT$Nested}. */
  public static String name(Class<?> c) {
    String name = c.getName();
    return name.substring(name.lastIndexOf('.') + 1);
  }

  /**
   * {@code @Service(name = "redis:7", ports = 6379)}: the members that differ from their defaults, as
   * written ({@code @Service("redis:7")} for the value alone).
   */
  public static String render(Service s) {
    List<String> members = new ArrayList<>();
    if (!s.value().isEmpty()) {
      members.add("value = " + quote(s.value()));
    }
    if (!s.name().isEmpty()) {
      members.add("name = " + quote(s.name()));
    }
    if (!s.alias().isEmpty()) {
      members.add("alias = " + quote(s.alias()));
    }
    if (s.entrypoint().length > 0) {
      members.add("entrypoint = " + render(s.entrypoint()));
    }
    if (s.command().length > 0) {
      members.add("command = " + render(s.command()));
    }
    if (s.variables().length > 0) {
      members.add("variables = " + render(s.variables()));
    }
    if (s.pullPolicy().length > 0) {
      members.add("pullPolicy = " + render(s.pullPolicy()));
    }
    if (s.ports().length > 0) {
      members.add("ports = " + (s.ports().length == 1 ? Integer.toString(s.ports()[0])
          : Arrays.stream(s.ports()).mapToObj(Integer::toString).collect(Collectors.joining(", ", "{", "}"))));
    }
    if (!s.waitForLog().isEmpty()) {
      members.add("waitForLog = " + quote(s.waitForLog()));
    }
    if (s.waitForLogTimes() != 1) {
      members.add("waitForLogTimes = " + s.waitForLogTimes());
    }
    if (members.size() == 1 && !s.value().isEmpty()) {
      return "@Service(" + quote(s.value()) + ")";
    }
    return "@Service(" + String.join(", ", members) + ")";
  }

  private static String render(String[] values) {
    return values.length == 1 ? quote(values[0])
        : Arrays.stream(values).map(Declarations::quote).collect(Collectors.joining(", ", "{", "}"));
  }

  static String quote(String s) {
    return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  /** The class that encloses a {@code @Nested} (inner) class, or null for a top-level or static one. */
  static @Nullable Class<?> enclosing(Class<?> c) {
    return c.getEnclosingClass() != null && !Modifier.isStatic(c.getModifiers()) ? c.getEnclosingClass() : null;
  }
}
