package dev.ciservices.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciservices.JobPlan;
import dev.ciservices.JobPlanner;
import dev.ciservices.JobSpec;
import dev.ciservices.RunningServices;
import dev.ciservices.ServiceSpec;
import dev.ciservices.StartOptions;
import dev.ciservices.Variable;
import java.util.List;
import org.junit.jupiter.api.Test;

class DebugServicesIT {
  private static final String RESET = "\u001b[0;m";

  @Test
  void streamsEveryLineFromTheStartPrefixedColouredAndMasked() throws Exception {
    Engines.Recorder trace = new Engines.Recorder();
    String script = "echo first line; echo \"token is $API_TOKEN\" >&2; echo; echo last line; exec nc -ll -p 7000 -e echo ok";
    JobSpec job = JobSpec.builder().debugServices(true)
        .variable(Variable.of("API_TOKEN", "glpat-s3cr3t-value").withMasked(true))
        .service(ServiceSpec.builder("busybox:latest").alias("one").variable("HEALTHCHECK_TCP_PORT", "7000")
            .command("sh", "-c", script).build())
        .service(ServiceSpec.builder("busybox:1.35").alias("two").variable("HEALTHCHECK_TCP_PORT", "7000")
            .command("sh", "-c", script).build())
        .build();
    JobPlan plan = JobPlanner.plan(job, Engines.LOCAL);
    try (RunningServices ignored = Engines.DOCKER.start(plan, StartOptions.gitlab(trace))) {
      waitFor(trace, "last line", 2);
    }
    String one = plan.services().get(0).logColor() + "[service:busybox-one] ";
    String two = plan.services().get(1).logColor() + "[service:two] ";
    assertThat(plan.services().get(0).logColor()).isNotEqualTo(plan.services().get(1).logColor());
    List<String> oneLines = trace.lines.stream().filter(l -> l.startsWith(one)).toList();
    assertThat(oneLines).hasSizeGreaterThanOrEqualTo(4).allSatisfy(l -> assertThat(l)
        .matches("(?s)\\Q" + one + "\\E\\d{4}-\\d\\d-\\d\\dT\\S+Z .*\\Q" + RESET + "\\E"));
    assertThat(oneLines).anySatisfy(l -> assertThat(l).endsWith("Z first line" + RESET))
        .anySatisfy(l -> assertThat(l).endsWith("Z token is [MASKED]" + RESET))
        .anySatisfy(l -> assertThat(l).endsWith("Z " + RESET));
    assertThat(trace.lines).anySatisfy(l -> assertThat(l).startsWith(two).endsWith("Z last line" + RESET));
    assertThat(trace.text()).doesNotContain("glpat-s3cr3t-value");
  }

  @Test
  void withoutTheVariableNoServiceLineIsStreamed() {
    Engines.Recorder trace = new Engines.Recorder();
    JobSpec job = JobSpec.ofServices(ServiceSpec.builder("busybox:latest").variable("HEALTHCHECK_TCP_PORT", "7000")
        .command("sh", "-c", "echo hello; exec nc -ll -p 7000 -e echo ok").build());
    try (RunningServices ignored = Engines.start(job, Engines.LOCAL, trace)) {
      assertThat(trace.lines).noneMatch(l -> l.contains("[service:"));
    }
  }

  private static void waitFor(Engines.Recorder trace, String text, int times) throws InterruptedException {
    for (int i = 0; i < 200 && trace.lines.stream().filter(l -> l.contains(text)).count() < times; i++) {
      Thread.sleep(25);
    }
  }
}
