package dev.ciservices.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciservices.JobPlan;
import dev.ciservices.JobPlanner;
import dev.ciservices.JobSpec;
import dev.ciservices.RunningServices;
import dev.ciservices.ServiceSpec;
import dev.ciservices.StartOptions;
import dev.ciservices.Variable;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
  void withoutTheVariableNoServiceLineIsStreamed() throws Exception {
    JobSpec job = JobSpec.ofServices(ServiceSpec.builder("busybox:latest").variable("HEALTHCHECK_TCP_PORT", "7000")
        .command("sh", "-c", "echo hello from the service; exec nc -ll -p 7000 -e echo ok").build());
    Engines.Recorder quiet = new Engines.Recorder();
    Engines.Recorder streamed = new Engines.Recorder();
    // the same service with the variable, alongside: proof that such a line is streamed when asked for
    try (RunningServices services = Engines.start(job, Engines.LOCAL, quiet);
        RunningServices control = Engines.start(job.toBuilder().debugServices(true).build(), Engines.LOCAL, streamed)) {
      waitFor(streamed, "hello from the service", 1);
      String id = services.services().get(0).containerId();
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (!logs(id).contains("hello from the service")) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("the service did not print its line within 10 s");
        }
        Thread.sleep(25);
      }
      assertThat(quiet.lines).noneMatch(l -> l.contains("[service:") || l.contains("hello from the service"));
    }
  }

  /** Waits until the trace holds {@code text} {@code times} times; fails after 10 s. */
  private static void waitFor(Engines.Recorder trace, String text, int times) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (trace.lines.stream().filter(l -> l.contains(text)).count() < times) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the trace did not show \"" + text + "\" " + times + " times within 10 s:\n"
            + trace.text());
      }
      Thread.sleep(25);
    }
  }

  /** The container's output so far, as the engine keeps it. */
  private static String logs(String id) throws InterruptedException {
    StringBuilder out = new StringBuilder();
    Engines.DOCKER.dockerClient().logContainerCmd(id).withStdOut(true).withStdErr(true)
        .exec(new ResultCallback.Adapter<Frame>() {
          @Override
          public void onNext(Frame frame) {
            synchronized (out) {
              out.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
            }
          }
        }).awaitCompletion(10, TimeUnit.SECONDS);
    synchronized (out) {
      return out.toString();
    }
  }
}
