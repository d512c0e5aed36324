package dev.ciservices.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciservices.JobPlan;
import dev.ciservices.JobPlanner;
import dev.ciservices.JobResult;
import dev.ciservices.JobSpec;
import dev.ciservices.RunnerConfig;
import dev.ciservices.ServiceListener;
import dev.ciservices.ServiceSpec;
import dev.ciservices.StartOptions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Against a real cluster: only with the Maven profile {@code kubernetes-cluster} and a kubeconfig
 * ({@code KUBECONFIG} or {@code ~/.kube/config}); without one it fails, it never skips.
 */
class KubernetesClusterIT {
  @Test
  void aJobReachesItsServiceOnLocalhostAndByHostAlias() {
    List<String> trace = new ArrayList<>();
    JobPlan plan = JobPlanner.plan(JobSpec.builder().image("redis:7").timeout(java.time.Duration.ofMinutes(5))
        .service(ServiceSpec.builder("redis:7").alias("cache").build())
        .script("until redis-cli -h cache ping; do sleep 1; done", "redis-cli -h 127.0.0.1 ping").build(),
        RunnerConfig.defaults());
    try (KubernetesBackend backend = KubernetesBackend.connect()) {
      JobResult result = backend.run(plan, StartOptions.gitlab(ServiceListener.trace(trace::add)));
      assertThat(result.succeeded()).as(String.join("\n", trace)).isTrue();
      assertThat(trace).contains("PONG");
      assertThat(backend.kubernetesClient().pods().inNamespace(backend.namespace())
          .withLabel("dev.ciservices.job.instance", plan.instanceId()).list().getItems()).isEmpty();
    }
  }
}
