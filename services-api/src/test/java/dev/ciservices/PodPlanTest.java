package dev.ciservices;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link NetworkMode#POD}: what the plan gives a backend to reproduce a Kubernetes pod's networking. */
class PodPlanTest {
  private static final String ID = "0123456789abcdef";
  private static final String PREFIX = "runner-local-project-0-concurrent-0-" + ID;
  private static final RunnerConfig POD = RunnerConfig.builder().pullPolicy(PullPolicy.IF_NOT_PRESENT)
      .networkMode(NetworkMode.POD).build();

  private static JobSpec threeServices() {
    return JobSpec.builder().image("alpine:3.20")
        .service(ServiceSpec.builder("postgres:15").alias("db").build())
        .service(ServiceSpec.builder("redis:7").ports(6379).build())
        .service(ServiceSpec.builder("tutum/wordpress:latest").alias("wp,blog").ports(80, 6379).build())
        .build();
  }

  @Test
  void theNamespaceOwnerHoldsTheHostAliasesInPodOrderTheDnsAndEveryPublishedPort() {
    RunnerConfig runner = POD.toBuilder().extraHosts("registry.local:10.0.0.5").dns("10.0.0.53").build();
    JobPlan plan = JobPlanner.plan(threeServices(), runner, ID);
    assertThat(plan.errors()).isEmpty();
    assertThat(plan.networkMode()).isEqualTo(NetworkMode.POD);
    assertThat(plan.services()).extracting(ServicePlan::kubernetesName).containsExactly("db", "svc-0", "wp");

    ContainerPlan owner = plan.namespaceOwner().orElseThrow();
    assertThat(owner.name()).isEqualTo(PREFIX + "-pod");
    assertThat(owner.image()).isEqualTo("busybox:latest");
    assertThat(owner.pullPolicy().effective()).containsExactly(PullPolicy.IF_NOT_PRESENT);
    assertThat(owner.command()).containsExactly("sh", "-c", "trap 'exit 0' TERM INT; while :; do sleep 1; done");
    assertThat(owner.labels()).containsEntry("dev.ciservices.type", "pod")
        .containsEntry("dev.ciservices.job.instance", ID);
    assertThat(owner.mounts()).isEmpty();
    assertThat(owner.network()).isEqualTo(new NetworkPlan("bridge", List.of(), List.of(), List.of("10.0.0.53"),
        List.of(), List.of("postgres:127.0.0.1", "db:127.0.0.1", "redis:127.0.0.1", "tutum-wordpress:127.0.0.1",
            "wp:127.0.0.1", "blog:127.0.0.1", "registry.local:10.0.0.5")));
    assertThat(owner.publishedPorts()).containsExactly(6379, 80);
  }

  @Test
  void everyServiceAndTheJobContainerJoinTheOwnersNamespaceWithNothingOfTheirOwn() {
    JobPlan plan = JobPlanner.plan(threeServices(), POD.toBuilder().extraHosts("x:10.0.0.1").build(), ID);
    NetworkPlan joining = new NetworkPlan("container:" + PREFIX + "-pod", List.of(), List.of(), List.of(), List.of(),
        List.of(), PREFIX + "-pod");
    assertThat(plan.services()).allSatisfy(s -> assertThat(s.container().network()).isEqualTo(joining));
    assertThat(plan.jobContainer().orElseThrow().network()).isEqualTo(joining);
    assertThat(joining.joinsNamespace()).isTrue();
    // the ports a caller reaches stay the service's own; the owner publishes them
    assertThat(plan.services().get(1).ports()).containsExactly(6379);
    assertThat(plan.networkName()).isEmpty();
    assertThat(plan.jobVariables()).extracting(Variable::key).doesNotContain("CI_BUILD_NETWORK_NAME");
  }

  @Test
  void anInvalidHostAliasIsAPlanErrorWithTheKubernetesExecutorsMessage() {
    JobSpec job = JobSpec.ofServices(ServiceSpec.builder("test-service").alias("INVALID_ALIAS").build());
    JobPlan plan = JobPlanner.plan(job, POD, ID);
    assertThat(plan.errors()).singleElement().satisfies(e -> {
      assertThat(e.field()).isEqualTo("services[0].alias");
      assertThat(e.value()).isEqualTo("INVALID_ALIAS");
      assertThat(e.message()).isEqualTo("provided host alias INVALID_ALIAS for service test-service is invalid DNS."
          + " a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must"
          + " start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is"
          + " '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
      assertThat(e.hint()).contains("in a pod every alias is a host alias: lower-case letters, digits, '-' and '.',"
          + " e.g. \"invalid-alias\"");
    });
    // the Docker executor's modes accept it: an underscore is fine in a network alias
    assertThat(JobPlanner.plan(job, POD.toBuilder().networkMode(NetworkMode.PER_JOB).build(), ID).errors()).isEmpty();
  }

  @Test
  void onlyTheServicesOwnHealthCheckPortCountsAsInTheKubernetesExecutor() {
    JobSpec job = JobSpec.builder().variable("HEALTHCHECK_TCP_PORT", "5432")
        .service(ServiceSpec.builder("postgres:15").alias("db").build())
        .service(ServiceSpec.builder("redis:7").variable("HEALTHCHECK_TCP_PORT", "6379").build())
        .build();
    JobPlan plan = JobPlanner.plan(job, POD, ID);
    assertThat(plan.services()).extracting(ServicePlan::kubernetesHealthCheckPort)
        .containsExactly(java.util.Optional.empty(), java.util.Optional.of("6379"));
  }

  @Test
  void aHealthCheckPortThatIsNoPortIsAWarningNamingTheServiceTheValueAndTheFix() {
    JobSpec job = JobSpec.builder().timeout(java.time.Duration.ofMinutes(10))
        .variable("HEALTHCHECK_TCP_PORT", "5432") // the Docker executor's rule would take this one and pass
        .service(ServiceSpec.builder("postgres:15").alias("db").variable("HEALTHCHECK_TCP_PORT", "5432").build())
        .service(ServiceSpec.builder("redis:7").variable("HEALTHCHECK_TCP_PORT", "redis").build())
        .service(ServiceSpec.builder("nginx:1").variable("HEALTHCHECK_TCP_PORT", "70000").build())
        .build();
    JobPlan plan = JobPlanner.plan(job, POD, ID);
    assertThat(plan.errors()).isEmpty();
    assertThat(plan.warnings()).containsExactly(
        "services[1].variables.HEALTHCHECK_TCP_PORT \"redis\" of redis:7 is not a TCP port: in a pod the Kubernetes"
            + " executor's health check dials it until the job times out (10m0s); set it to the port the service"
            + " listens on, 1 to 65535",
        "services[2].variables.HEALTHCHECK_TCP_PORT \"70000\" of nginx:1 is not a TCP port: in a pod the Kubernetes"
            + " executor's health check dials it until the job times out (10m0s); set it to the port the service"
            + " listens on, 1 to 65535");
    // the value goes to the check as the runner passes it
    assertThat(plan.services()).extracting(ServicePlan::kubernetesHealthCheckPort).containsExactly(
        java.util.Optional.of("5432"), java.util.Optional.of("redis"), java.util.Optional.of("70000"));

    // a service's own bad value without a job variable: the Docker executor's error is not a pod's rule
    JobPlan alone = JobPlanner.plan(JobSpec.ofServices(
        ServiceSpec.builder("redis:7").variable("HEALTHCHECK_TCP_PORT", "abc").build()), POD, ID);
    assertThat(alone.errors()).isEmpty();
    assertThat(alone.warnings()).singleElement().asString()
        .startsWith("services[0].variables.HEALTHCHECK_TCP_PORT \"abc\" of redis:7 is not a TCP port: ");
    // outside a pod it stays the Docker executor's error
    assertThat(JobPlanner.plan(JobSpec.ofServices(ServiceSpec.builder("redis:7").variable("HEALTHCHECK_TCP_PORT", "abc")
        .build()), POD.toBuilder().networkMode(NetworkMode.PER_JOB).build(), ID).errors()).singleElement()
        .extracting(PlanError::message).isEqualTo("invalid health check tcp port: abc");
  }

  @Test
  void theNamespaceOwnersImageIsTheRunnerConfigurationsPodOwnerImage() {
    assertThat(POD.podOwnerImage()).isEqualTo("busybox:latest");
    RunnerConfig mirrored = POD.toBuilder().podOwnerImage("registry.local:5000/mirror/busybox:1.36").build();
    JobPlan plan = JobPlanner.plan(threeServices(), mirrored, ID);
    assertThat(plan.namespaceOwner().orElseThrow().image()).isEqualTo("registry.local:5000/mirror/busybox:1.36");
    assertThat(plan.namespaceOwner().orElseThrow().pullPolicy().effective()).containsExactly(PullPolicy.IF_NOT_PRESENT);
    // the helper image plays another part (the Kubernetes helper container), it does not hold the namespace
    assertThat(JobPlanner.plan(threeServices(), POD.toBuilder().helperImage("registry.local/helper:1").build(), ID)
        .namespaceOwner().orElseThrow().image()).isEqualTo("busybox:latest");
    assertThat(mirrored).isNotEqualTo(POD);
    assertThat(mirrored.toBuilder().build()).isEqualTo(mirrored);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> POD.toBuilder().podOwnerImage("Busy Box"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("RunnerConfig.pod_owner_image: image name \"Busy Box\" contains white space; an image name is one"
            + " word such as \"postgres:16\"");
  }

  @Test
  void theOtherModesHaveNoNamespaceOwner() {
    assertThat(JobPlanner.plan(threeServices(), POD.toBuilder().networkMode(NetworkMode.PER_JOB).build(), ID)
        .namespaceOwner()).isEmpty();
    assertThat(JobPlanner.plan(threeServices(), POD.toBuilder().networkMode(NetworkMode.LEGACY_LINKS).build(), ID)
        .namespaceOwner()).isEmpty();
  }
}
