package dev.ciservices.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.dockerjava.api.command.InspectContainerResponse;
import dev.ciservices.RunnerConfig;
import dev.ciservices.JobPlan;
import dev.ciservices.JobPlanner;
import dev.ciservices.JobResult;
import dev.ciservices.JobSpec;
import dev.ciservices.PullPolicy;
import dev.ciservices.RunningService;
import dev.ciservices.RunningServices;
import dev.ciservices.ServiceSpec;
import dev.ciservices.StartOptions;
import dev.ciservices.Variable;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Secrets on a real engine: the trace, the service log lines, the events, the container names,
 * labels and network aliases, and the exceptions. Each case prints what it saw, then asserts the
 * secret is nowhere in it, while the job and its services still get the value GitLab gives them.
 */
class MaskingIT {
  private static final String SECRET = "s3cr3t-t0ken.value";
  private static final String HALF1 = SECRET.substring(0, 9);
  private static final String HALF2 = SECRET.substring(9);

  private static void assertNowhere(String testCase, List<String> outputs) {
    System.out.println("=== masking case: " + testCase);
    outputs.forEach(System.out::println);
    outputs.forEach(o -> assertThat(o).as(testCase).doesNotContain(SECRET).doesNotContain(HALF1 + HALF2));
  }

  @Test
  void traceServiceLogsAndEventsMaskSecretsEvenWhenTheOutputSplitsThemAcrossFrames() {
    JobRunIT.Everything out = new JobRunIT.Everything();
    JobSpec job = JobSpec.builder().image(Probe.CLIENTS).debugServices(true)
        .variable(Variable.secret("DB_PASSWORD", SECRET))
        .variable("DATABASE_URL", "postgres://app:$DB_PASSWORD@db/app")
        .service(ServiceSpec.builder("busybox:latest").alias("leaky").variable("HEALTHCHECK_TCP_PORT", "7000")
            .command("sh", "-c", "echo service sees $DATABASE_URL; printf '\\303'; sleep 0.3; printf '\\251 "
                + HALF1 + "'; sleep 0.3; printf '" + HALF2 + "\\n'; exec nc -ll -p 7000 -e echo ok").build())
        .script("echo job sees $DB_PASSWORD and $DATABASE_URL",
            "printf '\\342\\230'; sleep 0.3; printf '\\203 " + HALF1 + "'; sleep 0.3; printf '" + HALF2 + "\\n'",
            "test \"$DB_PASSWORD\" = '" + HALF1 + "''" + HALF2 + "' && echo the job has the value",
            "sleep 1")
        .build();
    JobPlan plan = JobPlanner.plan(job, Engines.LOCAL);
    JobResult result = Engines.DOCKER.run(plan, StartOptions.gitlab(out));
    assertThat(result.succeeded()).isTrue();
    assertThat(out.lines).contains("job sees [MASKED] and postgres://app:[MASKED]@db/app", "\u2603 [MASKED]",
        "the job has the value");
    assertThat(out.text()).contains("service sees postgres://app:[MASKED]@db/app").contains("\u00e9 [MASKED]");
    List<String> outputs = new ArrayList<>(out.lines);
    out.events.forEach(e -> outputs.add(e.toString()));
    assertNowhere("trace, service log lines and events", outputs);
    assertThat(Leftover.of(plan.instanceId())).isEmpty();
  }

  @Test
  void namesLabelsAndAliasesOnTheEngineHoldNoSecret() {
    JobSpec job = JobSpec.builder()
        .variable(Variable.secret("REGISTRY_PATH", SECRET))
        .service(ServiceSpec.builder("busybox:$REGISTRY_PATH").alias("box").variable("HEALTHCHECK_TCP_PORT", "7000")
            .command("sh", "-c", "exec nc -ll -p 7000 -e echo ok").build())
        .build();
    // the tag holds the secret: tag the local busybox so the engine has it under that name
    Engines.DOCKER.dockerClient().tagImageCmd("busybox:latest", "busybox", SECRET).exec();
    try {
      JobPlan plan = JobPlanner.plan(job, Engines.LOCAL);
      Engines.Recorder trace = new Engines.Recorder();
      List<String> outputs = new ArrayList<>();
      try (RunningServices services = Engines.DOCKER.start(plan, StartOptions.gitlab(trace))) {
        for (RunningService s : services.services()) {
          InspectContainerResponse c = Engines.DOCKER.dockerClient().inspectContainerCmd(s.containerId()).exec();
          outputs.add("name " + c.getName());
          outputs.add("labels " + c.getConfig().getLabels());
          c.getNetworkSettings().getNetworks().forEach((n, net) -> outputs.add("network " + n + " aliases "
              + net.getAliases()));
          // the image the job named, as the engine names it (Podman normalizes to docker.io/library/)
          assertThat(c.getConfig().getImage()).isIn("busybox:" + SECRET, "docker.io/library/busybox:" + SECRET);
        }
      }
      outputs.addAll(trace.lines);
      assertThat(trace.text()).contains("Starting service busybox:[MASKED]...");
      assertNowhere("container names, labels, network aliases, trace", outputs);
      assertThat(Leftover.of(plan.instanceId())).isEmpty();
    } finally {
      Engines.DOCKER.dockerClient().removeImageCmd("busybox:" + SECRET).exec();
    }
  }

  @Test
  void exceptionsAndTheirCausesAreMasked() {
    RunnerConfig never = RunnerConfig.builder().pullPolicy(PullPolicy.NEVER).allowedPullPolicies(PullPolicy.NEVER)
        .build();
    JobSpec job = JobSpec.builder().variable(Variable.secret("REGISTRY_PATH", SECRET))
        .service(ServiceSpec.builder("registry.invalid/$REGISTRY_PATH/db:1").alias("db").build()).build();
    JobPlan plan = JobPlanner.plan(job, never);
    Engines.Recorder trace = new Engines.Recorder();
    Throwable thrown = catchThrowable(() -> Engines.DOCKER.start(plan, StartOptions.gitlab(trace)).close());
    assertThat(thrown).isInstanceOf(dev.ciservices.ImagePullException.class);
    StringWriter stack = new StringWriter();
    thrown.printStackTrace(new PrintWriter(stack));
    assertThat(stack.toString()).contains("registry.invalid/[MASKED]/db:1");
    assertNowhere("exception message and stack trace, trace", List.of(stack.toString(), trace.text()));
    assertThat(Leftover.of(plan.instanceId())).isEmpty();
  }
}
