package dev.ciservices.kubernetes.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciservices.internal.AliasPolicy;
import dev.ciservices.RunnerConfig;
import dev.ciservices.JobPlan;
import dev.ciservices.JobPlanner;
import dev.ciservices.JobSpec;
import dev.ciservices.ServicePlan;
import dev.ciservices.ServiceSpec;
import dev.ciservices.kubernetes.KubernetesConfig;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The worked examples of GitLab's services page ("Using aliases as service container names for the
 * Kubernetes executor"): the plan's Kubernetes names and host aliases are what the pod gets.
 */
class GitLabServicesPageTest {
  private static JobPlan plan(ServiceSpec... services) {
    return JobPlanner.plan(JobSpec.builder().image("alpine:latest").script("sleep 10").services(services).build(),
        RunnerConfig.defaults());
  }

  private static Pod pod(JobPlan plan) {
    return new JobPod(plan, KubernetesConfig.defaults()).build("p", "ci", null, Map.of());
  }

  /** Asserts the pod's service containers and host aliases against the plan, and returns the names. */
  private static List<String> servicesOf(JobPlan plan, List<String> expectedHostnames) {
    Pod pod = pod(plan);
    List<Container> containers = pod.getSpec().getContainers();
    assertThat(containers.subList(0, 2)).extracting(Container::getName).containsExactly("build", "helper");
    List<Container> services = containers.subList(2, containers.size());
    assertThat(services).extracting(Container::getName)
        .containsExactlyInAnyOrderElementsOf(plan.services().stream().map(ServicePlan::kubernetesName).toList());
    List<String> hostnames = new ArrayList<>();
    for (Container c : services) {
      ServicePlan service = plan.services().stream().filter(s -> s.kubernetesName().equals(c.getName())).findFirst()
          .orElseThrow();
      assertThat(c.getImage()).isEqualTo(service.name());
      hostnames.addAll(AliasPolicy.kubernetesHostAliases(service.name(), service.userAliases()));
    }
    assertThat(pod.getSpec().getHostAliases()).singleElement().satisfies(a -> {
      assertThat(a.getIp()).isEqualTo("127.0.0.1");
      assertThat(a.getHostnames()).isEqualTo(hostnames).isEqualTo(expectedHostnames);
    });
    return services.stream().map(Container::getName).toList();
  }

  @Test
  void oneAliasPerService() {
    JobPlan plan = plan(ServiceSpec.builder("alpine:latest").alias("alpine").build(),
        ServiceSpec.builder("mysql:latest").alias("mysql").build());
    assertThat(servicesOf(plan, List.of("alpine", "alpine", "mysql", "mysql"))).containsExactly("alpine", "mysql");
  }

  @Test
  void anAliasAlreadyUsedFallsBackToSvc0() {
    JobPlan plan = plan(ServiceSpec.builder("mysql:lts").alias("mysql").build(),
        ServiceSpec.builder("mysql:latest").alias("mysql").build());
    assertThat(servicesOf(plan, List.of("mysql", "mysql", "mysql", "mysql"))).containsExactly("mysql", "svc-0");
    assertThat(container(plan, "mysql").getImage()).isEqualTo("mysql:lts");
    assertThat(container(plan, "svc-0").getImage()).isEqualTo("mysql:latest");
  }

  @Test
  void severalAliasesPerServiceTakeTheFirstFreeOne() {
    JobPlan plan = plan(ServiceSpec.builder("alpine:latest").alias("alpine,alpine-latest").build(),
        ServiceSpec.builder("alpine:edge").alias("alpine,alpine-edge,alpine-latest").build());
    assertThat(servicesOf(plan, List.of("alpine", "alpine", "alpine-latest", "alpine", "alpine", "alpine-edge",
        "alpine-latest"))).containsExactly("alpine", "alpine-edge");
    assertThat(container(plan, "alpine").getImage()).isEqualTo("alpine:latest");
    assertThat(container(plan, "alpine-edge").getImage()).isEqualTo("alpine:edge");
  }

  @Test
  void svcINumbersOnlyTheServicesWithoutAFreeAlias() {
    JobPlan plan = plan(ServiceSpec.builder("alpine:latest").alias("alpine,alpine-edge").build(),
        ServiceSpec.builder("alpine:edge").alias("alpine,alpine-edge").build(),
        ServiceSpec.builder("alpine:3.21").alias("alpine,alpine-edge").build());
    assertThat(servicesOf(plan, List.of("alpine", "alpine", "alpine-edge", "alpine", "alpine", "alpine-edge",
        "alpine", "alpine", "alpine-edge"))).containsExactly("alpine", "alpine-edge", "svc-0");
    assertThat(container(plan, "svc-0").getImage()).isEqualTo("alpine:3.21");
  }

  @Test
  void anInvalidAliasIsThePlansKubernetesProblem() {
    // the pod is never built: PodLifecycleTest checks the job's error, this the plan's text it comes from
    JobPlan plan = plan(ServiceSpec.builder("alpine:latest").alias("alpine").build(),
        ServiceSpec.builder("alpine:edge").alias("alpine_edge").build());
    assertThat(plan.services().get(1).kubernetesHostAliasProblem()).contains("provided host alias alpine_edge for"
        + " service alpine:edge is invalid DNS. a lowercase RFC 1123 subdomain must consist of lower case alphanumeric"
        + " characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex"
        + " used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
    assertThat(plan.services().get(1).kubernetesName()).isEqualTo("svc-0");
  }

  private static Container container(JobPlan plan, String name) {
    return pod(plan).getSpec().getContainers().stream().filter(c -> c.getName().equals(name)).findFirst().orElseThrow();
  }
}
