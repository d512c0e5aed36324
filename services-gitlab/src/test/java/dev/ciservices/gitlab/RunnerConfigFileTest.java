package dev.ciservices.gitlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ciservices.JobPlan;
import dev.ciservices.JobPlanner;
import dev.ciservices.JobSpec;
import dev.ciservices.DockerSettings;
import dev.ciservices.NetworkMode;
import dev.ciservices.PullPolicy;
import dev.ciservices.RunnerConfig;
import dev.ciservices.ServicePlan;
import dev.ciservices.ServiceSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GitLab Runner's config.toml read onto RunnerConfig.local(): the keys the model has, warnings for the others. */
class RunnerConfigFileTest {
  /** As GitLab's "Advanced configuration" page and `gitlab-runner register` write it. */
  private static final String DOCS = """
      concurrent = 4
      check_interval = 0
      shutdown_timeout = 0

      [session_server]
        session_timeout = 1800

      [[runners]]
        name = "docker-runner"
        url = "https://gitlab.example.com/"
        id = 42
        token = "glrt-t0k3nt0k3nt0k3n"
        token_obtained_at = 2024-05-01T10:00:00Z
        token_expires_at = 0001-01-01T00:00:00Z
        executor = "docker"
        environment = ["DOCKER_DRIVER=overlay2", "DOCKER_TLS_CERTDIR="]
        [runners.cache]
          MaxUploadedArchiveSize = 0
        [runners.feature_flags]
          FF_NETWORK_PER_BUILD = true
        [runners.docker]
          tls_verify = false
          image = "ruby:3.3"
          privileged = false
          services_privileged = true
          allowed_privileged_services = ["docker:*-dind"]
          disable_entrypoint_overwrite = false
          oom_kill_disable = false
          disable_cache = false
          volumes = ["/cache", "/certs/client"]
          shm_size = 0
          network_mtu = 0
          memory = "2g"
          service_memory = "1g"
          service_cpus = "1/2"
          cap_add = ["NET_ADMIN"]
          wait_for_services_timeout = 60
          services_limit = 3
          pull_policy = ["if-not-present", "always"]
          allowed_pull_policies = ["always", "if-not-present"]
          dns = ["10.0.0.2"]
          extra_hosts = ["registry.local:10.0.0.5"]
          [runners.docker.services_tmpfs]
            "/var/lib/postgresql/data" = "rw,noexec"
          [runners.docker.sysctls]
            "net.ipv4.ip_forward" = "1"
          [runners.docker.ulimit]
            "nofile" = "1024:2048"
          [[runners.docker.services]]
            name = "registry.example.com/svc1"
            alias = "svc1"
            entrypoint = ["entrypoint.sh"]
            command = ["executable", "param1", "param2"]
            environment = ["ENV1=value1", "ENV2=value2"]

      [[runners]]
        name = "second"
        executor = "docker"
        [runners.docker]
          image = "alpine:3.20"
          network_mode = "bridge"
      """;

  private static RunnerConfigFile parse(String toml, String name) {
    return RunnerConfigFile.parse(toml, "config.toml", name, RunnerConfig.local());
  }

  @Test
  void theFirstRunnerOfARealLookingFileShapesTheModel() {
    RunnerConfigFile file = parse(DOCS, null);
    RunnerConfig runner = file.runner().build();
    assertThat(file.runnerName()).isEqualTo("docker-runner");
    assertThat(runner.defaultImage()).isEqualTo("ruby:3.3");
    assertThat(runner.privileged()).isFalse();
    assertThat(runner.servicesPrivileged()).isTrue();
    assertThat(runner.allowedPrivilegedServices()).containsExactly("docker:*-dind");
    assertThat(runner.waitForServicesTimeout()).isEqualTo(60);
    assertThat(runner.servicesLimit()).hasValue(3);
    assertThat(runner.pullPolicies()).containsExactly(PullPolicy.IF_NOT_PRESENT, PullPolicy.ALWAYS);
    assertThat(runner.allowedPullPolicies()).containsExactly(PullPolicy.ALWAYS, PullPolicy.IF_NOT_PRESENT);
    assertThat(runner.dns()).containsExactly("10.0.0.2");
    assertThat(runner.extraHosts()).containsExactly("registry.local:10.0.0.5");
    assertThat(runner.networkMode()).isEqualTo(NetworkMode.PER_JOB);
    assertThat(runner.environment()).extracting(v -> v.key() + "=" + v.value())
        .containsExactly("DOCKER_DRIVER=overlay2", "DOCKER_TLS_CERTDIR=");
    assertThat(runner.services()).extracting(ServiceSpec::name).containsExactly("registry.example.com/svc1");
    assertThat(runner.services().get(0).aliases()).containsExactly("svc1");
    assertThat(runner.docker().volumes()).containsExactly("/cache", "/certs/client");
    assertThat(runner.docker().memory()).isEqualTo(2L << 30);
    assertThat(runner.docker().serviceNanoCpus()).isEqualTo(500_000_000L);
    assertThat(runner.docker().sysctls()).isEqualTo(Map.of("net.ipv4.ip_forward", "1"));
    assertThat(runner.docker().ulimit()).isEqualTo(Map.of("nofile", "1024:2048"));
    // GitLab keys that shape no container here each say so, once; the runner-manager keys are skipped
    assertThat(file.warnings()).containsExactly(
        "config.toml: [runners.docker] tls_verify is not honoured by ci-services; ignored",
        "config.toml: [runners.docker] disable_cache is not honoured by ci-services; ignored",
        "config.toml: [runners.docker] network_mtu is not honoured by ci-services; ignored");

    JobPlan plan = JobPlanner.plan(JobSpec.builder().service(ServiceSpec.of("postgres:16")).build(), runner);
    assertThat(plan.services()).extracting(ServicePlan::name).containsExactly("registry.example.com/svc1", "postgres:16");
    ServicePlan postgres = plan.services().get(1);
    assertThat(postgres.container().privileged()).isFalse(); // not docker:*-dind
    assertThat(postgres.container().settings().tmpfs()).containsEntry("/var/lib/postgresql/data", "rw,noexec");
    assertThat(postgres.container().settings().capAdd()).isEmpty();
    assertThat(plan.jobContainer().orElseThrow().settings().capAdd()).containsExactly("NET_ADMIN");
  }

  @Test
  void aRunnerIsChosenByName() {
    RunnerConfig second = parse(DOCS, "second").runner().build();
    assertThat(second.defaultImage()).isEqualTo("alpine:3.20");
    assertThat(second.networkMode()).isEqualTo(NetworkMode.LEGACY_LINKS);
    // local()'s values stay where the file says nothing
    assertThat(second.pullPolicies()).containsExactly(PullPolicy.IF_NOT_PRESENT);
    assertThatThrownBy(() -> parse(DOCS, "third"))
        .hasMessage("config.toml: no [[runners]] named \"third\"; its runners are \"docker-runner\", \"second\"");
  }

  @Test
  void aPullPolicyWithoutAllowedPoliciesAllowsOnlyItselfAsGitLabDoes() {
    RunnerConfig runner = parse("""
        [[runners]]
          [runners.docker]
            pull_policy = "always"
          [runners.feature_flags]
            FF_NETWORK_PER_BUILD = false
            FF_USE_FASTZIP = true
        """, null).runner().build();
    assertThat(runner.pullPolicies()).containsExactly(PullPolicy.ALWAYS);
    assertThat(runner.allowedPullPolicies()).isEmpty();
    assertThat(runner.networkMode()).isEqualTo(NetworkMode.LEGACY_LINKS);
  }

  @Test
  void allowedImagesGpusMacAddressVolumesFromAndOomScoreAdjustAreHonouredWithoutAWarning() {
    RunnerConfigFile file = parse("""
        [[runners]]
          [runners.docker]
            allowed_images = ["ruby:*", "python:*"]
            gpus = "all"
            service_gpus = "2"
            mac_address = "92:d0:c6:0a:29:33"
            volumes_from = ["cache:ro"]
            oom_score_adjust = -500
        """, null);
    RunnerConfig runner = file.runner().build();
    assertThat(file.warnings()).isEmpty();
    assertThat(runner.allowedImages()).containsExactly("ruby:*", "python:*");
    assertThat(runner.docker()).isEqualTo(DockerSettings.builder().gpus("all").serviceGpus("2")
        .macAddress("92:d0:c6:0a:29:33").volumesFrom("cache:ro").oomScoreAdjust(-500).build());
  }

  @Test
  void unknownKeysWarnOneLineEach() {
    RunnerConfigFile file = parse("""
        colour = "blue"
        [[runners]]
          nmae = "typo"
          [runners.docker]
            privilegd = true
            [[runners.docker.services]]
              name = "redis:7"
              port = 6379
        """, null);
    assertThat(file.warnings()).containsExactly(
        "config.toml: colour: unknown key; GitLab Runner ignores it, and so does ci-services",
        "config.toml: [[runners]] nmae: unknown key; GitLab Runner ignores it, and so does ci-services",
        "config.toml: [runners.docker] privilegd: unknown key; GitLab Runner ignores it, and so does ci-services",
        "config.toml: [[runners.docker.services]] port: unknown key; GitLab Runner ignores it, and so does ci-services");
    assertThat(file.runner().build().privileged()).isFalse();
  }

  @Test
  void badValuesNameTheFileTheKeyTheValueAndTheFix() {
    Map<String, String> bad = new java.util.LinkedHashMap<>();
    bad.put("memory = \"lots\"",
        "config.toml: [runners.docker] memory \"lots\": invalid size; use bytes or a number with k, m, g or t, e.g. \"512m\"");
    bad.put("privileged = \"yes\"",
        "config.toml: [runners.docker] privileged \"yes\": not a boolean; write privileged = true or false");
    bad.put("wait_for_services_timeout = \"30s\"", "config.toml: [runners.docker] wait_for_services_timeout \"30s\":"
        + " not a whole number; write e.g. wait_for_services_timeout = 30");
    bad.put("pull_policy = \"sometimes\"", "config.toml: [runners.docker] unsupported pull_policy config: \"sometimes\"");
    bad.put("dns = [\"dns.example\"]", "config.toml: [runners.docker] invalid DNS server address \"dns.example\"");
    bad.put("dns = 8", "config.toml: [runners.docker] dns 8: not a list of strings; write dns = [\"...\", \"...\"]");
    bad.put("sysctls = \"x\"", "config.toml: [runners.docker] sysctls \"x\": not a table; write it as"
        + " [runners.docker.sysctls]");
    bad.put("[runners.docker.ulimit]\n\"nofile\" = \"lots\"",
        "config.toml: [runners.docker] ulimit nofile \"lots\": use \"soft:hard\" or one number, e.g. \"1024:2048\"");
    bad.forEach((line, message) -> assertThatThrownBy(() -> parse("[[runners]]\n[runners.docker]\n" + line + "\n", null))
        .as(line).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(message)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n")));
  }

  @Test
  void aBrokenOrMissingFileIsOneLine(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> RunnerConfigFile.read(dir.resolve("config.toml"), null, RunnerConfig.local()))
        .hasMessage(dir.resolve("config.toml") + ": no such file; give the path of GitLab Runner's config.toml,"
            + " e.g. /etc/gitlab-runner/config.toml");
    Path broken = Files.writeString(dir.resolve("broken.toml"), "[[runners]\nname = \"x\"\n");
    assertThatThrownBy(() -> RunnerConfigFile.read(broken, null, RunnerConfig.local()))
        .hasMessageStartingWith(broken + ": not valid TOML: ")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").contains("(line "));
    assertThatThrownBy(() -> parse("concurrent = 1\n", null))
        .hasMessage("config.toml: no [[runners]] entry; add one as GitLab Runner writes it, with [runners.docker]"
            + " under it");
    Path ok = Files.writeString(dir.resolve("ok.toml"), "[[runners]]\n[runners.docker]\nimage = \"alpine\"\n");
    assertThat(RunnerConfigFile.read(ok, null, RunnerConfig.local()).runner().build().defaultImage())
        .isEqualTo("alpine");
  }
}
