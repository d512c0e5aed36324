package dev.ciservices.kubernetes.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciservices.JobPlan;
import dev.ciservices.JobPlanner;
import dev.ciservices.JobSpec;
import dev.ciservices.RunnerConfig;
import dev.ciservices.RunningServices;
import dev.ciservices.ServiceSpec;
import dev.ciservices.ServiceStartException;
import dev.ciservices.StartOptions;
import dev.ciservices.Variable;
import dev.ciservices.kubernetes.KubernetesConfig;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * No masked value leaves the Kubernetes backend: not in the trace, the exceptions it throws (fabric8's
 * included, when the API server echoes the request it refused), the names, labels and annotations of
 * the pod and its pull secret, or what it logs through SLF4J.
 */
class PodMaskingTest {
  static final String SECRET = "s3cr3t-Value-2026";
  static final String REGISTRY_PASSWORD = "registry-pass-9876";
  private final MockCluster mock = new MockCluster();

  @AfterEach
  void close() {
    mock.close();
  }

  /** A job whose masked value is in a label, an annotation, a configured label and annotation, and a service's env. */
  static JobPlan plan() {
    String auth = Base64.getEncoder().encodeToString(("ci-user:" + REGISTRY_PASSWORD).getBytes(StandardCharsets.UTF_8));
    JobSpec job = JobSpec.builder()
        .variable(Variable.secret("SECRET", SECRET))
        .variable("CI_PROJECT_NAME", "proj-$SECRET")
        .variable("CI_JOB_NAME", "job $SECRET")
        .variable(Variable.secret("DOCKER_AUTH_CONFIG", "{\"auths\":{\"registry.example.com:5000\":{\"auth\":\"" + auth
            + "\"}}}").withMasked(false))
        .service(ServiceSpec.builder("registry.example.com:5000/db:1").alias("db").variable("DB_PASSWORD", "$SECRET")
            .build())
        .build();
    return JobPlanner.plan(job, RunnerConfig.defaults().toBuilder().dockerConfig(Path.of("/nonexistent")).build());
  }

  static KubernetesConfig config() {
    return MockCluster.fast().podLabel("team", "t-" + SECRET).podAnnotation("note", "uses " + SECRET).build();
  }

  /** A Status the API server answers with, its message echoing what it refused. */
  static String refusal(int code, String message) {
    return "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":\""
        + message.replace("\"", "\\\"") + "\",\"reason\":\"Invalid\",\"code\":" + code + "}";
  }

  private static List<String> messages(Throwable e) {
    List<String> all = new ArrayList<>();
    for (Throwable t = e; t != null; t = t.getCause()) {
      all.add(t.getClass().getName() + ": " + t.getMessage());
    }
    return all;
  }

  private static void assertNoSecret(String what, String text) {
    assertThat(text).as(what).doesNotContain(SECRET).doesNotContain(REGISTRY_PASSWORD);
  }

  @Test
  void aRefusedPodWhoseErrorEchoesTheEnvironmentFailsWithEveryMessageMasked() throws Exception {
    mock.server.expect().post().withPath("/api/v1/namespaces/ci/pods")
        .andReturn(422, refusal(422, "Pod \"x\" is invalid: spec.containers[2].env[0].value: Invalid value: \"" + SECRET
            + "\"; registry password " + REGISTRY_PASSWORD)).always();
    Cluster cluster = mock.cluster(config());
    JobPlan plan = plan();
    Throwable failure;
    try {
      CompletableFuture.supplyAsync(() -> cluster.start(plan, StartOptions.gitlab(mock.trace))).get(20, TimeUnit.SECONDS);
      throw new AssertionError("the start did not fail");
    } catch (ExecutionException e) {
      failure = e.getCause();
    }
    assertThat(failure).isInstanceOf(ServiceStartException.class);
    List<String> messages = messages(failure);
    System.out.println("--- masked failure\n" + String.join("\n caused by ", messages));
    assertThat(failure.getMessage()).startsWith("prepare environment: setting up build pod: Failure executing: POST at:")
        .contains("Invalid value: \"[MASKED]\"; registry password [MASKED]");
    assertThat(messages).hasSizeGreaterThan(1).allSatisfy(m -> assertNoSecret("exception message", m));
    java.io.StringWriter stack = new java.io.StringWriter();
    failure.printStackTrace(new java.io.PrintWriter(stack));
    assertNoSecret("printed stack trace", stack.toString());
    assertNoSecret("trace", String.join("\n", mock.trace.lines));
    // the pull secret was made before the pod and is deleted with the failure
    assertThat(mock.client.secrets().inNamespace(MockCluster.NAMESPACE).list().getItems()).isEmpty();
  }

  @Test
  void namesLabelsAnnotationsTraceAndTheCleanupLogHoldNoSecret() throws Exception {
    Cluster cluster = mock.cluster(config());
    JobPlan plan = plan();
    CompletableFuture<RunningServices> started =
        CompletableFuture.supplyAsync(() -> cluster.start(plan, StartOptions.gitlab(mock.trace)));
    Pod pod = mock.awaitPod();
    String name = pod.getMetadata().getName();
    Secret secret = mock.client.secrets().inNamespace(MockCluster.NAMESPACE).withName(name).get();
    assertThat(secret).as("the pull secret").isNotNull();
    for (var meta : List.of(pod.getMetadata(), secret.getMetadata())) {
      assertNoSecret("name", meta.getName());
      assertNoSecret("labels", String.valueOf(meta.getLabels()));
      assertNoSecret("annotations", String.valueOf(meta.getAnnotations()));
    }
    assertThat(pod.getMetadata().getLabels()).containsEntry("project.runner.gitlab.com/name", "proj-masked")
        .containsEntry("team", "t-masked");
    assertThat(pod.getMetadata().getAnnotations()).containsEntry("job.runner.gitlab.com/name", "job [MASKED]")
        .containsEntry("note", "uses [MASKED]");
    // what the service needs is in its spec, as the runner puts it there
    assertThat(pod.getSpec().getContainers().get(2).getEnv()).anySatisfy(e -> assertThat(e.getValue()).isEqualTo(SECRET));
    mock.running(pod);
    RunningServices services = started.get(20, TimeUnit.SECONDS);
    // the deletion is refused with an echo of the secret: the trace's error line and the SLF4J warning are masked
    mock.server.expect().delete().withPath("/api/v1/namespaces/ci/pods/" + name)
        .andReturn(409, refusal(409, "cannot delete pod with DB_PASSWORD=" + SECRET)).always();
    PrintStream err = System.err;
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
    try {
      services.close();
    } finally {
      System.setErr(err);
    }
    String logged = log.toString(StandardCharsets.UTF_8);
    System.out.println("--- SLF4J output of the close\n" + logged);
    assertThat(logged).contains("ci-services could not remove everything of pod " + name)
        .contains("DB_PASSWORD=[MASKED]");
    assertNoSecret("SLF4J output", logged);
    String trace = String.join("\n", mock.trace.lines);
    assertThat(trace).contains("Error cleaning up pod: ").contains("DB_PASSWORD=[MASKED]");
    assertNoSecret("trace", trace);
  }
}
