package dev.ciservices.kubernetes.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciservices.RunnerConfig;
import dev.ciservices.JobPlan;
import dev.ciservices.JobPlanner;
import dev.ciservices.JobSpec;
import dev.ciservices.ServicePlan;
import dev.ciservices.ServiceSpec;
import dev.ciservices.kubernetes.ContainerResources;
import dev.ciservices.kubernetes.ContainerSecurity;
import dev.ciservices.kubernetes.KubernetesConfig;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HostAlias;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pod spec, field by field, against the runner's own test cases (kubernetes-executor.md §8). */
class JobPodTest {
  private static final Map<String, String> OWNER = Map.of("dev.ciservices.owner.pid", "1");

  private static Pod pod(JobSpec job, RunnerConfig engine, KubernetesConfig config) {
    JobPlan plan = JobPlanner.plan(job, engine);
    return new JobPod(plan, config).build("runner-x-project-0-concurrent-0-abcdefgh", "ci", null, OWNER);
  }

  private static Pod pod(JobSpec job) {
    return pod(job, RunnerConfig.defaults(), KubernetesConfig.defaults());
  }

  private static List<String> names(Pod pod) {
    return pod.getSpec().getContainers().stream().map(Container::getName).toList();
  }

  private static Container container(Pod pod, String name) {
    return pod.getSpec().getContainers().stream().filter(c -> c.getName().equals(name)).findFirst().orElseThrow();
  }

  private static Map<String, String> env(Container c) {
    return c.getEnv().stream().collect(java.util.stream.Collectors.toMap(EnvVar::getName, EnvVar::getValue,
        (a, b) -> { throw new AssertionError("duplicate " + a); }, java.util.LinkedHashMap::new));
  }

  @Test
  void extendedDockerConfigurationGivesCommandArgsAndOwnVariables() {
    // TestSetupBuildPod "supports extended docker configuration for image and services"
    Pod pod = pod(JobSpec.builder().image("alpine:3.22").variable("BUILD_VAR", "BUILD_VAR_VALUE")
        .service(ServiceSpec.builder("test-service:latest").entrypoint("/init", "run").command("application", "--debug")
            .build())
        .service(ServiceSpec.builder("test-service-2:latest").command("application", "--debug").build())
        .service(ServiceSpec.builder("test-service-3:latest").command("application", "--debug")
            .variable("SERVICE_VAR", "SERVICE_VAR_VALUE").variable("SERVICE_VAR_REF_BUILD_VAR", "$BUILD_VAR").build())
        .build());
    assertThat(names(pod)).containsExactly("build", "helper", "svc-0", "svc-1", "svc-2");
    assertThat(container(pod, "svc-0").getCommand()).containsExactly("/init", "run");
    assertThat(container(pod, "svc-0").getArgs()).containsExactly("application", "--debug");
    assertThat(container(pod, "svc-1").getCommand()).isEmpty();
    assertThat(container(pod, "svc-1").getArgs()).containsExactly("application", "--debug");
    assertThat(env(container(pod, "svc-2"))).containsEntry("SERVICE_VAR", "SERVICE_VAR_VALUE")
        .containsEntry("SERVICE_VAR_REF_BUILD_VAR", "BUILD_VAR_VALUE").containsEntry("BUILD_VAR", "BUILD_VAR_VALUE");
    assertThat(env(container(pod, "svc-0"))).doesNotContainKey("SERVICE_VAR").containsEntry("BUILD_VAR", "BUILD_VAR_VALUE");
    assertThat(env(container(pod, "helper"))).isEmpty();
    assertThat(env(container(pod, "build"))).containsEntry("BUILD_VAR", "BUILD_VAR_VALUE");
    assertThat(container(pod, "build").getImage()).isEqualTo("alpine:3.22");
    assertThat(container(pod, "build").getCommand()).containsExactly("sh", "-c", JobPod.DETECT_SHELL);
    assertThat(container(pod, "svc-0").getImage()).isEqualTo("test-service:latest");
  }

  @Test
  void entrypointBecomesCommandAndCommandBecomesArgs() {
    // "sets command (entrypoint) and args": command only / entrypoint only / neither
    Pod pod = pod(JobSpec.ofServices(
        ServiceSpec.builder("a:1").alias("only-command").command("application", "--debug").build(),
        ServiceSpec.builder("b:1").alias("only-entrypoint").entrypoint("application", "--debug").build(),
        ServiceSpec.builder("c:1").alias("neither").build()));
    assertThat(container(pod, "only-command").getCommand()).isEmpty();
    assertThat(container(pod, "only-command").getArgs()).containsExactly("application", "--debug");
    assertThat(container(pod, "only-entrypoint").getCommand()).containsExactly("application", "--debug");
    assertThat(container(pod, "only-entrypoint").getArgs()).isEmpty();
    assertThat(container(pod, "neither").getCommand()).isEmpty();
    assertThat(container(pod, "neither").getArgs()).isEmpty();
  }

  @Test
  void servicesAreSortedByNameSoSvc10ComesBeforeSvc2() {
    ServiceSpec[] services = new ServiceSpec[11];
    for (int i = 0; i < services.length; i++) {
      services[i] = ServiceSpec.of("img-" + i + ":1");
    }
    Pod pod = pod(JobSpec.ofServices(services));
    assertThat(names(pod)).containsExactly("build", "helper", "svc-0", "svc-1", "svc-10", "svc-2", "svc-3", "svc-4",
        "svc-5", "svc-6", "svc-7", "svc-8", "svc-9");
  }

  @Test
  void hostAliasesPointTheServicesAt127001BeforeTheConfiguredOnes() {
    // "supports services and setting extra hosts using HostAliases" (without the service that has ports)
    Pod pod = pod(JobSpec.ofServices(ServiceSpec.builder("test-service").alias("svc-alias").build(),
        ServiceSpec.of("docker:dind")), RunnerConfig.defaults(),
        KubernetesConfig.builder().hostAlias("127.0.0.1", "redis").hostAlias("8.8.8.8", "dns1", "dns2").build());
    assertThat(pod.getSpec().getHostAliases()).extracting(HostAlias::getIp, HostAlias::getHostnames).containsExactly(
        org.assertj.core.groups.Tuple.tuple("127.0.0.1", List.of("docker", "test-service", "svc-alias")),
        org.assertj.core.groups.Tuple.tuple("127.0.0.1", List.of("redis")),
        org.assertj.core.groups.Tuple.tuple("8.8.8.8", List.of("dns1", "dns2")));
    assertThat(names(pod)).containsExactly("build", "helper", "svc-0", "svc-alias");
  }

  @Test
  void namespacedImagesKeepOnlyTheirDnsValidDefaultAlias() {
    Pod pod = pod(JobSpec.ofServices(ServiceSpec.of("bitnami/redis:7")));
    assertThat(pod.getSpec().getHostAliases().get(0).getHostnames()).containsExactly("bitnami-redis");
  }

  @Test
  void capabilitiesReachEveryContainerWithNetRawDropped() {
    // "support setting linux capabilities on all containers"
    Pod pod = pod(JobSpec.ofServices(ServiceSpec.of("a:1"), ServiceSpec.of("b:1")), RunnerConfig.defaults(),
        KubernetesConfig.builder().capAdd("CAP_1").capDrop("CAP_2").build());
    assertThat(pod.getSpec().getContainers()).hasSize(4).allSatisfy(c -> {
      assertThat(c.getSecurityContext().getCapabilities().getAdd()).containsExactly("CAP_1");
      assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactlyInAnyOrder("CAP_2", "NET_RAW");
    });
  }

  @Test
  void aCapabilityBothAddedAndDroppedIsDropped() {
    Pod pod = pod(JobSpec.ofServices(ServiceSpec.of("a:1")), RunnerConfig.defaults(),
        KubernetesConfig.builder().capAdd("SYS_TIME", "NET_ADMIN").capDrop("NET_ADMIN").build());
    assertThat(container(pod, "svc-0").getSecurityContext().getCapabilities().getAdd()).containsExactly("SYS_TIME");
    assertThat(container(pod, "svc-0").getSecurityContext().getCapabilities().getDrop())
        .containsExactlyInAnyOrder("NET_RAW", "NET_ADMIN");
  }

  @Test
  void privilegeFlagsAreUnsetFalseOrTrueOnEveryContainer() {
    JobSpec job = JobSpec.ofServices(ServiceSpec.of("a:1"));
    assertThat(pod(job).getSpec().getContainers()).allSatisfy(c -> {
      assertThat(c.getSecurityContext().getPrivileged()).isNull();
      assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isNull();
    });
    Pod off = pod(job, RunnerConfig.defaults(),
        KubernetesConfig.builder().privileged(false).allowPrivilegeEscalation(false).build());
    assertThat(off.getSpec().getContainers()).allSatisfy(c -> {
      assertThat(c.getSecurityContext().getPrivileged()).isFalse();
      assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    });
    Pod on = pod(job, RunnerConfig.defaults(),
        KubernetesConfig.builder().privileged(true).allowPrivilegeEscalation(true).build());
    assertThat(on.getSpec().getContainers()).allSatisfy(c -> assertThat(c.getSecurityContext().getPrivileged()).isTrue());
  }

  @Test
  void theServiceSecurityContextWinsForServicesOnly() {
    Pod pod = pod(JobSpec.ofServices(ServiceSpec.of("a:1")), RunnerConfig.defaults(),
        KubernetesConfig.builder().privileged(true)
            .serviceSecurity(new ContainerSecurity(false, null, 3000L, 3001L, List.of(), List.of("ALL"))).build());
    assertThat(container(pod, "svc-0").getSecurityContext().getPrivileged()).isFalse();
    assertThat(container(pod, "svc-0").getSecurityContext().getRunAsUser()).isEqualTo(3000L);
    assertThat(container(pod, "svc-0").getSecurityContext().getRunAsGroup()).isEqualTo(3001L);
    assertThat(container(pod, "svc-0").getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(container(pod, "build").getSecurityContext().getPrivileged()).isTrue();
  }

  @Test
  void serviceResourcesComeFromTheServiceKeys() {
    Pod pod = pod(JobSpec.ofServices(ServiceSpec.of("a:1")), RunnerConfig.defaults(), KubernetesConfig.builder()
        .serviceResources(new ContainerResources("100m", "1", "128Mi", "1Gi", null, "2Gi"))
        .buildResources(new ContainerResources("2", null, null, null, null, null)).build());
    var svc = container(pod, "svc-0").getResources();
    assertThat(svc.getRequests()).isEqualTo(Map.of("cpu", new Quantity("100m"), "memory", new Quantity("128Mi")));
    assertThat(svc.getLimits()).isEqualTo(Map.of("cpu", new Quantity("1"), "memory", new Quantity("1Gi"),
        "ephemeral-storage", new Quantity("2Gi")));
    assertThat(container(pod, "build").getResources().getRequests()).isEqualTo(Map.of("cpu", new Quantity("2")));
    assertThat(container(pod, "helper").getResources().getRequests()).isEmpty();
  }

  @Test
  void pullPoliciesFollowTheEffectiveListConfigTomlServicesFirst() {
    // TestContainerPullPolicies: runner [never, if-not-present], a config.toml service, then yaml services
    RunnerConfig engine = RunnerConfig.builder().pullPolicy("never", "if-not-present")
        .service(ServiceSpec.of("toml-service:1")).build();
    Pod pod = pod(JobSpec.builder().service(ServiceSpec.builder("a:1").pullPolicy("if-not-present").build())
        .service("b:1").build(), engine, KubernetesConfig.defaults());
    assertThat(container(pod, "svc-0").getImagePullPolicy()).isEqualTo("Never");
    assertThat(container(pod, "svc-1").getImagePullPolicy()).isEqualTo("IfNotPresent");
    assertThat(container(pod, "svc-2").getImagePullPolicy()).isEqualTo("Never");
    assertThat(container(pod, "build").getImagePullPolicy()).isEqualTo("Never");
  }

  @Test
  void withoutAPullPolicyTheClusterDefaultApplies() {
    Pod pod = pod(JobSpec.ofServices(ServiceSpec.of("a:1")));
    assertThat(pod.getSpec().getContainers()).allSatisfy(c -> assertThat(c.getImagePullPolicy()).isNull());
  }

  @Test
  void environmentHoldsEachNameOnceWithTheLastValueAndDollarsDoubled() {
    // TestNoContainerEnvDups and §3.3: first position, last value; $ escaped for Kubernetes
    Pod pod = pod(JobSpec.builder().variable("SHARED", "from-job").variable("PRICE", "$(HOME) costs 5")
        .service(ServiceSpec.builder("a:1").variable("SHARED", "from-service").build()).build());
    Map<String, String> env = env(container(pod, "svc-0"));
    assertThat(env).containsEntry("SHARED", "from-service").containsEntry("PRICE", "$$(HOME) costs 5");
    List<String> keys = List.copyOf(env.keySet());
    assertThat(keys.indexOf("SHARED")).isLessThan(keys.indexOf("PRICE"));
  }

  @Test
  void podFieldsAreTheRunnersDefaults() {
    Pod pod = pod(JobSpec.builder().timeout(Duration.ofHours(2)).service("a:1").build());
    assertThat(pod.getSpec().getRestartPolicy()).isEqualTo("Never");
    assertThat(pod.getSpec().getDnsPolicy()).isEqualTo("ClusterFirst");
    assertThat(pod.getSpec().getActiveDeadlineSeconds()).isEqualTo(7201L);
    assertThat(pod.getSpec().getServiceAccountName()).isNull();
    assertThat(pod.getSpec().getImagePullSecrets()).isEmpty();
    assertThat(pod.getSpec().getHostname()).isNull();
    assertThat(pod.getSpec().getVolumes()).singleElement().satisfies(v -> {
      assertThat(v.getName()).isEqualTo("repo");
      assertThat(v.getEmptyDir()).isNotNull();
    });
    assertThat(pod.getSpec().getContainers()).allSatisfy(c -> {
      assertThat(c.getStdin()).isTrue();
      assertThat(c.getTty()).isFalse();
      assertThat(c.getVolumeMounts()).singleElement().satisfies(m -> {
        assertThat(m.getName()).isEqualTo("repo");
        assertThat(m.getMountPath()).isEqualTo("/builds");
      });
    });
    assertThat(pod.getMetadata().getAnnotations()).containsEntry("job.runner.gitlab.com/timeout", "2h0m0s")
        .containsEntry("job.runner.gitlab.com/id", "0").containsEntry("project.runner.gitlab.com/id", "0");
  }

  @Test
  void labelsAreTheRunnersSanitisedAndPodLabelsCannotReplaceThem() {
    JobSpec job = JobSpec.builder().name("my job").projectPath("group/sub/project").projectId(42).service("a:1").build();
    RunnerConfig engine = RunnerConfig.builder().runnerToken("glrt-aaa_cccbbbdddooo2222").build();
    Pod pod = pod(job, engine, KubernetesConfig.builder().podLabel("team", "--core team--")
        .podLabel("job.runner.gitlab.com/pod", "mine").build());
    Map<String, String> labels = pod.getMetadata().getLabels();
    assertThat(labels).containsEntry("pod", "runner-aaacccbb-project-42-concurrent-0")
        .containsEntry("job.runner.gitlab.com/pod", "runner-aaacccbb-project-42-concurrent-0")
        .containsEntry("project.runner.gitlab.com/id", "42")
        .containsEntry("project.runner.gitlab.com/name", "project")
        .containsEntry("project.runner.gitlab.com/namespace", "group_sub")
        .containsEntry("manager.runner.gitlab.com/id-short", "aaa_cccbb")
        .containsEntry("team", "core_team")
        .containsEntry("dev.ciservices.managed", "true")
        .containsEntry("dev.ciservices.job.name", "my_job")
        .containsEntry("dev.ciservices.owner.pid", "1");
    assertThat(labels.values()).allSatisfy(v -> assertThat(v).matches("([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9]?"));
  }

  @Test
  void sanitizeLabelCutsTo63AndTrims() {
    assertThat(PodLabels.sanitize("a/b c")).isEqualTo("a_b_c");
    assertThat(PodLabels.sanitize("-_.value._-")).isEqualTo("value");
    assertThat(PodLabels.sanitize("x".repeat(62) + "-yyy")).isEqualTo("x".repeat(62));
  }

  @Test
  void podAnnotationsMayReplaceTheDefaultOnes() {
    Pod pod = pod(JobSpec.ofServices(ServiceSpec.of("a:1")), RunnerConfig.defaults(),
        KubernetesConfig.builder().podAnnotation("job.runner.gitlab.com/timeout", "mine").podAnnotation("x", "$y").build());
    assertThat(pod.getMetadata().getAnnotations()).containsEntry("job.runner.gitlab.com/timeout", "mine")
        .containsEntry("x", "$y");
  }

  @Test
  void imagePullSecretsListTheConfiguredOnesThenTheGeneratedOne() {
    JobPlan plan = JobPlanner.plan(JobSpec.ofServices(ServiceSpec.of("a:1")), RunnerConfig.defaults());
    Pod pod = new JobPod(plan, KubernetesConfig.builder().imagePullSecrets("docker-registry-credentials").build())
        .build("p", "ci", "job-credentials", OWNER);
    assertThat(pod.getSpec().getImagePullSecrets()).extracting(LocalObjectReference::getName)
        .containsExactly("docker-registry-credentials", "job-credentials");
    Pod viaAccount = new JobPod(plan, KubernetesConfig.builder().imagePullSecrets("docker-registry-credentials")
        .useServiceAccountImagePullSecrets(true).serviceAccount("builder").build()).build("p", "ci", "job-credentials", OWNER);
    assertThat(viaAccount.getSpec().getImagePullSecrets()).isEmpty();
    assertThat(viaAccount.getSpec().getServiceAccountName()).isEqualTo("builder");
  }

  @Test
  void dnsPoliciesMapToKubernetesNamesAndAnUnknownOneWarns() {
    JobPlan plan = JobPlanner.plan(JobSpec.ofServices(ServiceSpec.of("a:1")), RunnerConfig.defaults());
    JobPod none = new JobPod(plan, KubernetesConfig.builder().dnsPolicy("cluster-first-with-host-net").build());
    assertThat(none.build("p", "ci", null, OWNER).getSpec().getDnsPolicy()).isEqualTo("ClusterFirstWithHostNet");
    JobPod bad = new JobPod(plan, KubernetesConfig.builder().dnsPolicy("coredns").build());
    assertThat(bad.build("p", "ci", null, OWNER).getSpec().getDnsPolicy()).isNull();
    assertThat(bad.dnsPolicyWarning()).contains(
        "falling back to cluster's default policy: unsupported kubernetes-dns-policy: \"coredns\"");
  }

  @Test
  void podNamesAreTheUniqueNameCutTo54AndARandomSuffix() {
    JobPlan plan = JobPlanner.plan(JobSpec.builder().projectId(123456789).service("a:1").build(),
        RunnerConfig.builder().runnerToken("glrt-averyveryverylongtoken").build());
    String name = PodRun.podName(plan);
    assertThat(name).matches("runner-averyvery-project-123456789-concurrent-0-[a-z0-9]{8}");
    assertThat(PodRun.podName(plan)).isNotEqualTo(name);
    String longName = PodRun.podName(JobPlanner.plan(JobSpec.builder().projectId(Long.MAX_VALUE).service("a:1").build(),
        RunnerConfig.builder().runnerToken("glrt-averyveryverylongtoken").build()));
    assertThat(longName).hasSizeLessThanOrEqualTo(63).matches("runner-averyvery-project-9223372036854775807-concurren-[a-z0-9]{8}");
  }

  @Test
  void servicesOnlyPodsRunTheHelperImageAsBuild() {
    Pod pod = pod(JobSpec.ofServices(ServiceSpec.of("a:1")));
    assertThat(container(pod, "build").getImage()).isEqualTo(KubernetesConfig.DEFAULT_HELPER_IMAGE);
    assertThat(container(pod, "helper").getImage()).isEqualTo(KubernetesConfig.DEFAULT_HELPER_IMAGE);
  }

  @Test
  void pullPolicyLinesShowTheClusterDefaultAsEmpty() {
    JobPlan plan = JobPlanner.plan(JobSpec.ofServices(ServiceSpec.builder("a:1").pullPolicy("if-not-present").build()),
        RunnerConfig.builder().allowedPullPolicies("always", "if-not-present").build());
    ServicePlan service = plan.services().get(0);
    assertThat(JobPod.pullPolicyLine(service.pullPolicy(), "svc-0"))
        .isEqualTo("Using effective pull policy of [if-not-present] for container svc-0");
    assertThat(JobPod.pullPolicyLine(plan.jobPullPolicy(), "build"))
        .isEqualTo("Using effective pull policy of [] for container build");
  }
}
