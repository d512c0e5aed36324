package dev.ciservices.docker;

import dev.ciservices.JobPlan;
import dev.ciservices.ServicePlan;
import dev.ciservices.docker.internal.ContainerRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The local-debugging view GitLab's documentation describes: the {@code docker} commands a person can
 * paste to reproduce a job's services and its container by hand. Masked variables are passed by name
 * ({@code -e TOKEN}), so their values never appear; export them in the shell first.
 */
public final class DockerCommands {
  private DockerCommands() {}

  /** The commands, one string each, in the order to run them. */
  public static List<String> of(JobPlan plan) {
    List<String> commands = new ArrayList<>();
    String network = plan.networkName().orElse(null);
    if (network != null) {
      commands.add("docker network create" + labels(plan.labels()) + " " + network);
    }
    commands.add("docker volume create" + labels(plan.labels()) + " " + plan.buildsVolume());
    for (ServicePlan s : plan.services()) {
      commands.add(ContainerRequest.of(s.container()).dockerRun("-d"));
    }
    // the runner keeps the job container alive and runs the scripts through exec; by hand, a shell
    commands.add(plan.jobContainer().map(c -> ContainerRequest.of(c).withCommand(List.of("sh")).dockerRun("--rm -it"))
        .orElse("# no job container " + plan.jobContainerName() + ": the job has no image and the runner no default image"));
    List<String> names = new ArrayList<>();
    plan.services().forEach(s -> names.add(s.containerName()));
    if (!names.isEmpty()) {
      commands.add("docker rm -f -v " + String.join(" ", names));
    }
    if (network != null) {
      commands.add("docker network rm " + network);
    }
    commands.add("docker volume rm " + plan.buildsVolume());
    return commands;
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
