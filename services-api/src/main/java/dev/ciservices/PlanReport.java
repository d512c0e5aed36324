package dev.ciservices;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders a {@link JobPlan} as plain text for people: warnings and errors as GitLab prints them, then
 * each service with its image, pull policies, hostnames, names, health check and environment.
 * Every masked value is shown as {@code [MASKED]}, also inside values expanded from it.
 */
public final class PlanReport {
  private PlanReport() {}

  /** The report, one line per element. */
  public static List<String> lines(JobPlan plan) {
    List<String> out = new ArrayList<>();
    out.add("Job " + plan.jobName() + plan.jobImage().map(i -> " (image " + i + ")").orElse("")
        + ", instance " + plan.instanceId());
    boolean pod = plan.networkMode() == NetworkMode.POD;
    if (pod) {
      out.add("Network: pod, the namespace of " + plan.namespaceOwner().map(o -> o.name() + " (" + o.image() + ")")
          .orElse("") + "; services on localhost and their host aliases");
      out.add("Health check: the Kubernetes rule, only services with HEALTHCHECK_TCP_PORT among their own variables,"
          + " until the job's timeout");
    } else {
      out.add("Network: " + plan.networkName().map(n -> "per job, " + n).orElse("legacy links (default bridge)"));
      plan.waitingLine().ifPresentOrElse(out::add, () -> out.add("Health check skipped (wait_for_services_timeout < 0)"));
    }
    plan.workspaceSkipReason().ifPresent(r -> out.add("Workspace: not copied, " + r));
    plan.warnings().forEach(w -> out.add("WARNING: " + w));
    for (PlanError error : plan.errors()) {
      out.addAll(error.traceLines());
      out.add("ERROR: " + error.describe());
    }
    for (SkippedService s : plan.skipped()) {
      out.add(s.field() + " " + s.name() + ": skipped, " + s.reason());
    }
    for (ServicePlan s : plan.services()) {
      out.add("");
      out.add(s.field() + " " + s.name());
      out.add("  pull:         " + s.pullImage() + " with " + PullPolicy.format(s.pullPolicy().effective())
          + " (" + s.pullPolicy().source().text() + ")");
      out.add("  hostnames:    " + (s.hostnames().isEmpty() ? "(none: every alias is taken)" : String.join(", ", s.hostnames())));
      out.add("  container:    " + s.containerName());
      out.add("  kubernetes:   " + s.kubernetesName()
          + s.kubernetesHostAliasProblem().map(p -> " (host aliases fail: " + p + ")").orElse(""));
      if (!s.entrypoint().isEmpty()) {
        out.add("  entrypoint:   " + s.entrypoint());
      }
      if (!s.command().isEmpty()) {
        out.add("  command:      " + s.command());
      }
      if (s.privileged()) {
        out.add("  privileged:   true");
      }
      if (pod) {
        out.add("  host aliases: " + (s.kubernetesHostAliases().isEmpty() ? "(none)"
            : String.join(", ", s.kubernetesHostAliases())) + " for 127.0.0.1");
      }
      out.add("  health check: " + (pod ? s.kubernetesHealthCheckPort().map(p -> "localhost:" + p + " (HEALTHCHECK_TCP_PORT)")
          .orElse("none (no HEALTHCHECK_TCP_PORT among its variables)") : s.healthCheck().describe())
          + s.waitConditions().stream().map(c -> ", then " + c.describe()).collect(Collectors.joining()));
      if (!s.ports().isEmpty()) {
        out.add("  published:    " + s.ports() + " on random host ports");
      }
      out.add("  environment:  " + s.environment().stream().map(v -> v.key() + "=" + v.displayValue())
          .collect(Collectors.joining("\n                ")));
    }
    List<String> masked = new ArrayList<>(out.size());
    for (String line : out) {
      masked.add(plan.mask(line));
    }
    return masked;
  }

  /** The report as one string. */
  public static String render(JobPlan plan) {
    return String.join("\n", lines(plan)) + "\n";
  }
}
