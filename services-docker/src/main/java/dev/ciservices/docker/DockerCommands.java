package dev.ciservices.docker;

import dev.ciservices.JobPlan;
import dev.ciservices.ServicePlan;
import dev.ciservices.Variable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The local-debugging view GitLab's documentation describes: the {@code docker} commands a person can
 * paste to reproduce a job's services and its container by hand. Masked variables are passed by name
 * ({@code -e TOKEN}), so their values never appear; export them in the shell first.
 */
public final class DockerCommands {
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

  private DockerCommands() {}

  /** The commands, one string each, in the order to run them. */
  public static List<String> of(JobPlan plan) {
    List<String> commands = new ArrayList<>();
    String network = plan.networkName().orElse(null);
    if (network != null) {
      commands.add("docker network create" + labels(plan.labels()) + " " + network);
    }
    commands.add("docker volume create" + labels(plan.labels()) + " " + plan.buildsVolume());
    List<String> links = new ArrayList<>();
    for (ServicePlan s : plan.services()) {
      StringBuilder c = new StringBuilder("docker run -d --name ").append(s.containerName());
      c.append(" --network ").append(network != null ? network : "bridge");
      if (network != null) {
        s.hostnames().forEach(h -> c.append(" --network-alias ").append(quote(h)));
      } else {
        s.hostnames().forEach(h -> links.add(" --link " + s.containerName() + ":" + quote(h)));
      }
      c.append(" -v ").append(plan.buildsVolume()).append(":").append(JobPlan.BUILDS_DIR);
      c.append(common(plan));
      if (s.privileged()) {
        c.append(" --privileged");
      }
      s.ports().forEach(p -> c.append(" -p 127.0.0.1::").append(p));
      s.environment().forEach(v -> c.append(env(v)));
      if (!s.entrypoint().isEmpty()) {
        // docker run takes one entrypoint word; further words go before the command
        c.append(" --entrypoint ").append(quote(s.entrypoint().get(0)));
      }
      c.append(' ').append(quote(s.pullImage()));
      s.entrypoint().stream().skip(1).forEach(w -> c.append(' ').append(quote(w)));
      s.command().forEach(w -> c.append(' ').append(quote(w)));
      commands.add(c.toString());
    }
    String image = plan.jobImage().orElse("<job image>");
    StringBuilder job = new StringBuilder("docker run --rm -it --name ").append(plan.jobContainerName());
    job.append(" --network ").append(network != null ? network : "bridge");
    if (network != null) {
      job.append(" --network-alias build");
    }
    links.forEach(job::append);
    job.append(" -v ").append(plan.buildsVolume()).append(":").append(JobPlan.BUILDS_DIR);
    job.append(common(plan));
    job.append(" -w ").append(quote(plan.projectDir()));
    plan.jobVariables().forEach(v -> job.append(env(v)));
    plan.job().image().filter(i -> !i.entrypoint().isEmpty())
        .ifPresent(i -> job.append(" --entrypoint ").append(quote(i.entrypoint().get(0))));
    job.append(' ').append(quote(image)).append(" sh");
    commands.add(job.toString());
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

  private static String common(JobPlan plan) {
    StringBuilder c = new StringBuilder();
    plan.config().dns().forEach(d -> c.append(" --dns ").append(d));
    plan.config().dnsSearch().forEach(d -> c.append(" --dns-search ").append(d));
    plan.config().extraHosts().forEach(h -> c.append(" --add-host ").append(quote(h)));
    return c.toString();
  }

  private static String env(Variable v) {
    return v.masked() ? " -e " + v.key() : " -e " + quote(v.key() + "=" + v.value());
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

  static String quote(String word) {
    return SAFE.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
  }
}
