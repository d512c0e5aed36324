package dev.ciservices.docker;

import dev.ciservices.JobPlan;
import dev.ciservices.RegistryCredential;
import dev.ciservices.RegistryCredentials;
import dev.ciservices.Variable;
import dev.ciservices.ServicePlan;
import dev.ciservices.docker.internal.ContainerRequest;
import dev.ciservices.internal.Masker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The local-debugging view GitLab's documentation describes: the {@code docker} commands a person can
 * paste to reproduce a job's services and its container by hand. Masked variables, and variables whose
 * value holds a masked one, are passed by name ({@code -e TOKEN}), so their values never appear:
 * export them in the shell first. Registry credentials come first, as a {@code docker login} (or a
 * temporary docker config) that reads the secret from its variable. Every command passes the job's
 * masker.
 */
public final class DockerCommands {
  private DockerCommands() {}

  /** The commands, one string each, in the order to run them. */
  public static List<String> of(JobPlan plan) {
    Masker masker = Masker.of(plan);
    List<String> commands = new ArrayList<>(logins(plan));
    String network = plan.networkName().orElse(null);
    if (network != null) {
      commands.add("docker network create" + labels(plan.labels()) + " " + network);
    }
    commands.add("docker volume create" + labels(plan.labels()) + " " + plan.buildsVolume());
    // the pod's namespace owner first: the services and the job container join it
    plan.namespaceOwner().ifPresent(o -> commands.add(ContainerRequest.of(o).dockerRun("-d")));
    for (ServicePlan s : plan.services()) {
      commands.add(ContainerRequest.of(s.container()).dockerRun("-d", masker));
    }
    // the runner keeps the job container alive and runs the scripts through exec; by hand, a shell
    commands.add(plan.jobContainer().map(c -> ContainerRequest.of(c).withCommand(List.of("sh")).dockerRun("--rm -it", masker))
        .orElse("# no job container " + plan.jobContainerName() + ": the job has no image and the runner no default image"));
    List<String> names = new ArrayList<>();
    plan.services().forEach(s -> names.add(s.containerName()));
    plan.namespaceOwner().ifPresent(o -> names.add(o.name()));
    if (!names.isEmpty()) {
      commands.add("docker rm -f -v " + String.join(" ", names));
    }
    if (network != null) {
      commands.add("docker network rm " + network);
    }
    commands.add("docker volume rm " + plan.buildsVolume());
    return commands.stream().map(plan::mask).toList();
  }

  /**
   * The registry logins the job's pulls need, each reading its secret from the variable: the
   * {@code DOCKER_AUTH_CONFIG} value as a temporary docker config (as GitLab's docs suggest), and
   * {@code docker login --password-stdin} for the job's registry credentials. The docker config
   * file and credential helpers need no step: the docker CLI reads them itself.
   */
  private static List<String> logins(JobPlan plan) {
    List<String> out = new ArrayList<>();
    RegistryCredentials creds = plan.registryCredentials();
    if (creds.authConfig().filter(a -> !a.isBlank()).isPresent()) {
      boolean file = plan.jobVariables().stream().anyMatch(v -> v.key().equals("DOCKER_AUTH_CONFIG") && v.file());
      out.add("export DOCKER_CONFIG=\"$(mktemp -d)\" && " + (file ? "cp \"$DOCKER_AUTH_CONFIG\""
          : "printf '%s' \"$DOCKER_AUTH_CONFIG\"") + " >\"$DOCKER_CONFIG/config.json\"");
    }
    List<String> images = new ArrayList<>();
    plan.services().forEach(s -> images.add(s.pullImage()));
    plan.jobImage().ifPresent(images::add);
    for (RegistryCredential c : creds.payload()) {
      RegistryCredentials only = RegistryCredentials.of(null, List.of(), List.of(c));
      boolean used = images.stream().anyMatch(i -> dev.ciservices.registry.RegistryAuth.forImage(only, i, NO_HELPERS).credential().isPresent());
      if (!used) {
        continue;
      }
      boolean proxy = !c.path().equals(RegistryCredentials.keyPath(variable(plan, "CI_REGISTRY")));
      String prefix = proxy ? "CI_DEPENDENCY_PROXY_" : "CI_REGISTRY_";
      String password = !variable(plan, prefix + "PASSWORD").isEmpty() ? prefix + "PASSWORD" : "CI_JOB_TOKEN";
      String user = !variable(plan, prefix + "USER").isEmpty() ? "\"$" + prefix + "USER\"" : quote(c.username());
      out.add("printf '%s' \"$" + password + "\" | docker login -u " + user + " --password-stdin " + quote(c.serverAddress()));
    }
    return out;
  }

  private static final dev.ciservices.registry.CredentialHelpers NO_HELPERS =
      (name, action, input) -> new dev.ciservices.registry.CredentialHelpers.Output(1, "");

  private static String variable(JobPlan plan, String key) {
    String value = "";
    for (Variable v : plan.jobVariables()) {
      if (v.key().equals(key)) {
        value = v.value();
      }
    }
    return value;
  }

  /** The commands as a script, one per line. */
  public static String script(JobPlan plan) {
    return String.join("\n", of(plan)) + "\n";
  }

  /** Only the labels that tell ci-services' resources apart: enough to find and sweep them. */
  private static String labels(Map<String, String> labels) {
    StringBuilder s = new StringBuilder();
    labels.forEach((k, v) -> {
      if (k.equals("dev.ciservices.managed") || k.equals("dev.ciservices.job.instance")) {
        s.append(" --label ").append(quote(k + "=" + v));
      }
    });
    return s.toString();
  }

  private static String quote(String word) {
    return ContainerRequest.quote(word);
  }
}
