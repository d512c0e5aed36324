package dev.ciservices.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciservices.JobSpec;
import dev.ciservices.RunningServices;
import dev.ciservices.ServiceSpec;
import org.junit.jupiter.api.Test;

/** The documentation's own examples, on the real engine. */
class GitLabExamplesIT {
  private static final String API = "ci-services/http-api:latest";

  @Test
  void twoServicesFromOneImageAreEachReachableByTheirOwnAlias() throws Exception {
    Engines.Recorder trace = new Engines.Recorder();
    JobSpec job = JobSpec.ofServices(ServiceSpec.builder(API).alias("api-1").build(),
        ServiceSpec.builder(API).alias("api-2").build());
    try (RunningServices services = Engines.start(job, Engines.LOCAL, trace)) {
      String network = services.plan().networkName().orElseThrow();
      Probe.Result first = Probe.run(network, null, "wget", "-q", "-T", "2", "-O", "-", "http://api-1:8080/health");
      Probe.Result second = Probe.run(network, null, "wget", "-q", "-T", "2", "-O", "-", "http://api-2:8080/health");
      Probe.Result shared = Probe.run(network, null, "wget", "-q", "-T", "2", "-O", "-",
          "http://ci-services__http-api:8080/health");
      assertThat(first.output()).contains("\"status\":\"ok\"");
      assertThat(second.output()).contains("\"status\":\"ok\"");
      assertThat(shared.exitCode()).isZero();
      assertThat(services.service("api-2").containerId()).isNotEqualTo(services.service("api-1").containerId());
      // the default aliases belong to the first service only
      assertThat(services.service("ci-services-http-api").containerId()).isEqualTo(services.service("api-1").containerId());
    }
    assertThat(trace.lines).contains("\u001b[0;33mWARNING: \u001b[0;mSkipping alias \"ci-services__http-api\" for service"
        + " \"ci-services/http-api:latest\" (services[1]): alias is already in use by another service.");
  }

  @Test
  void aServiceReachesAnotherByItsAliasOnTheJobNetwork() throws Exception {
    Engines.Recorder trace = new Engines.Recorder();
    // "backend" only listens once it has fetched the API's health through the alias "api"
    // (the clients image: a static busybox cannot resolve names)
    JobSpec job = JobSpec.ofServices(
        ServiceSpec.builder(API).alias("api").build(),
        ServiceSpec.builder(Probe.CLIENTS).alias("backend")
            .variable("HEALTHCHECK_TCP_PORT", "9000")
            .command("sh", "-c", "until timeout 1 wget -q -O /tmp/health http://api:8080/health; do sleep 0.1; done;"
                + " exec nc -ll -p 9000 -e cat /tmp/health")
            .build());
    try (RunningServices services = Engines.start(job, Engines.LOCAL, trace)) {
      Probe.Result result = Probe.run(services.plan().networkName().orElseThrow(), null,
          "sh", "-c", "nc backend 9000 </dev/null");
      assertThat(result.output()).contains("\"status\":\"ok\"");
    }
    assertThat(trace.text()).doesNotContain("probably didn't start properly");
  }

  @Test
  void commandAndEntrypointOverridesReachTheContainerUnexpanded() throws Exception {
    Engines.Recorder trace = new Engines.Recorder();
    JobSpec job = JobSpec.builder().debugServices(true).variable("GREETING", "hello")
        .service(ServiceSpec.builder("busybox:latest").alias("echo")
            .entrypoint("/bin/sh", "-c")
            .command("echo \"entrypoint ran with $GREETING\"; exec nc -ll -p 7000 -e echo pong")
            .variable("HEALTHCHECK_TCP_PORT", "7000")
            .build())
        .build();
    try (RunningServices services = Engines.start(job, Engines.LOCAL, trace)) {
      Probe.Result pong = Probe.run(services.plan().networkName().orElseThrow(), null, "sh", "-c", "nc echo 7000 </dev/null");
      assertThat(pong.output()).contains("pong");
    }
    // $GREETING reached the runtime literally and the service's own shell expanded it
    assertThat(trace.lines).anySatisfy(l -> assertThat(l).contains("[service:busybox-echo] ")
        .endsWith(" entrypoint ran with hello\u001b[0;m"));
  }

  @Test
  void serviceVariablesReachOnlyThatService() throws Exception {
    Engines.Recorder trace = new Engines.Recorder();
    String script = "echo \"ONLY=[$ONLY_A] JOB=[$JOB_WIDE]\"; exec nc -ll -p 7000 -e echo ok";
    JobSpec job = JobSpec.builder().debugServices(true).variable("JOB_WIDE", "everyone")
        .service(ServiceSpec.builder("busybox:latest").alias("a").variable("ONLY_A", "mine")
            .variable("HEALTHCHECK_TCP_PORT", "7000").command("sh", "-c", script).build())
        .service(ServiceSpec.builder("busybox:1.35").alias("b")
            .variable("HEALTHCHECK_TCP_PORT", "7000").command("sh", "-c", script).build())
        .build();
    try (RunningServices services = Engines.start(job, Engines.LOCAL, trace)) {
      assertThat(services.services()).hasSize(2);
      // a service's log reaches the trace as the engine streams it, which can come after readiness
      // (Podman's stream is slower): wait for both lines, boundedly, while the services still run
      long deadline = System.nanoTime() + java.time.Duration.ofSeconds(15).toNanos();
      while (System.nanoTime() < deadline && !(logged(trace, "[service:busybox-a] ") && logged(trace, "[service:b] "))) {
        Thread.sleep(50);
      }
    }
    assertThat(trace.lines).anySatisfy(l -> assertThat(l).contains("[service:busybox-a] ").contains("ONLY=[mine] JOB=[everyone]"));
    assertThat(trace.lines).anySatisfy(l -> assertThat(l).contains("[service:b] ").contains("ONLY=[] JOB=[everyone]"));
  }

  private static boolean logged(Engines.Recorder trace, String prefix) {
    return trace.lines.stream().anyMatch(l -> l.contains(prefix));
  }
}
