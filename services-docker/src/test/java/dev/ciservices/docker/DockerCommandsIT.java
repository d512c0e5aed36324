package dev.ciservices.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.ciservices.ImageSpec;
import dev.ciservices.JobPlan;
import dev.ciservices.JobPlanner;
import dev.ciservices.JobResult;
import dev.ciservices.JobSpec;
import dev.ciservices.PullPolicy;
import dev.ciservices.RunnerConfig;
import dev.ciservices.ServiceListener;
import dev.ciservices.ServiceSpec;
import dev.ciservices.StartOptions;
import dev.ciservices.Variable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The printed {@code docker} commands create the same containers as the backend: both are made from
 * one container request, and this test runs both and compares what the engine reports.
 */
class DockerCommandsIT {
  private static final String RUNNER_ID = "00000000000000a1";
  private static final String CLI_ID = "00000000000000b2";
  private static final Duration BOUND = Duration.ofSeconds(90);
  private static final String SECRET = "s3cr3t-value-42";

  private static final RunnerConfig RUNNER = RunnerConfig.builder().pullPolicy(PullPolicy.IF_NOT_PRESENT)
      .waitForServicesTimeout(-1).dns("10.0.0.2").dnsSearch("example.test").extraHosts("registry.example:10.1.2.3")
      .build();

  private static JobSpec job() {
    return JobSpec.builder()
        .image(ImageSpec.of(Probe.CLIENTS, "env", "CI_ENTRY=two words"))
        .service(ServiceSpec.builder("busybox:1.35").alias("echo").entrypoint("sh", "-c")
            .command("echo started; exec sleep 600").variable("SERVICE_ONLY", "yes").build())
        .variable("GREETING", "hello 'world'")
        .variable(Variable.of("API_TOKEN", SECRET).withMasked(true))
        .script("i=0; until [ -f /builds/release ]; do i=$((i+1)); [ $i -gt 900 ] && exit 3; sleep 0.1; done")
        .build();
  }

  @Test
  void printedCommandsCreateWhatTheBackendCreates() throws Exception {
    DockerClient docker = Engines.DOCKER.dockerClient();
    JobPlan runnerPlan = JobPlanner.plan(job(), RUNNER, RUNNER_ID);
    String service = runnerPlan.services().get(0).containerName();
    String jobContainer = runnerPlan.jobContainerName();

    CompletableFuture<JobResult> running = CompletableFuture.supplyAsync(
        () -> Engines.DOCKER.run(runnerPlan, StartOptions.gitlab(ServiceListener.NONE)));
    Map<String, Object> runnerService;
    Map<String, Object> runnerJob;
    try {
      InspectContainerResponse job = awaitRunning(docker, jobContainer, running);
      runnerJob = settings(job, runnerPlan, RUNNER_ID);
      runnerService = settings(docker.inspectContainerCmd(service).exec(), runnerPlan, RUNNER_ID);
      assertThat(docker(List.of("docker", "exec", jobContainer, "touch", "/builds/release"), Map.of()).exit).isZero();
    } finally {
      JobResult result = running.get(BOUND.toSeconds(), TimeUnit.SECONDS);
      assertThat(result.status()).isEqualTo(JobResult.Status.SUCCESS);
    }
    assertThat(Leftover.of(RUNNER_ID)).isEmpty();

    JobPlan cliPlan = JobPlanner.plan(job(), RUNNER, CLI_ID);
    List<String> commands = DockerCommands.of(cliPlan);
    String cliService = cliPlan.services().get(0).containerName();
    String cliJob = cliPlan.jobContainerName();
    try {
      for (String command : commands.subList(0, 3)) {
        Run run = docker(List.of("sh", "-c", command), Map.of("API_TOKEN", SECRET));
        assertThat(run.exit).as(command + "\n" + run.output).isZero();
      }
      // the job's command opens an interactive shell; detached, the same container is created and kept
      String jobCommand = commands.get(3);
      assertThat(jobCommand).startsWith("docker run --rm -it ").endsWith(" sh");
      Run run = docker(List.of("sh", "-c", jobCommand.replace("docker run --rm -it ", "docker run -d ")),
          Map.of("API_TOKEN", SECRET));
      assertThat(run.exit).as(jobCommand + "\n" + run.output).isZero();

      Map<String, Object> cliServiceSettings = settings(docker.inspectContainerCmd(cliService).exec(), cliPlan, CLI_ID);
      Map<String, Object> cliJobSettings = settings(docker.inspectContainerCmd(cliJob).exec(), cliPlan, CLI_ID);

      assertThat(cliServiceSettings).isEqualTo(runnerService);
      // the runner keeps its job container alive for exec where a person gets a shell: only that differs
      List<String> runnerProcess = processOf(runnerJob);
      assertThat(runnerProcess.subList(runnerProcess.size() - 3, runnerProcess.size()).subList(0, 2))
          .containsExactly("sh", "-c");
      List<String> cliProcess = processOf(cliJobSettings);
      assertThat(cliProcess.subList(0, cliProcess.size() - 1))
          .isEqualTo(runnerProcess.subList(0, runnerProcess.size() - 3))
          .containsExactly("env", "CI_ENTRY=two words");
      cliJobSettings.remove("process");
      runnerJob.remove("process");
      assertThat(cliJobSettings).isEqualTo(runnerJob);
      assertThat(runnerService.get("process"))
          .isEqualTo(List.of("sh", "-c", "echo started; exec sleep 600"));
      assertThat(String.join("\n", commands)).doesNotContain(SECRET);
    } finally {
      docker(List.of("docker", "rm", "-f", "-v", cliService, cliJob), Map.of());
      for (String command : commands.subList(commands.size() - 2, commands.size())) {
        if (command.startsWith("docker network rm") || command.startsWith("docker volume rm")) {
          docker(List.of("sh", "-c", command), Map.of());
        }
      }
    }
    assertThat(Leftover.of(CLI_ID)).isEmpty();
  }

  @SuppressWarnings("unchecked")
  private static List<String> processOf(Map<String, Object> settings) {
    return (List<String>) settings.get("process");
  }

  /** What the engine says it created, names made comparable across the two instance ids. */
  private static Map<String, Object> settings(InspectContainerResponse c, JobPlan plan, String instanceId) {
    Map<String, Object> s = new LinkedHashMap<>();
    List<String> process = new ArrayList<>();
    process.add(c.getPath());
    process.addAll(Arrays.asList(c.getArgs()));
    s.put("process", process);
    s.put("image", c.getConfig().getImage());
    // sorted: the docker CLI does not keep the order of its -e options
    // Podman adds HOSTNAME (the container's id) to the environment it reports; Docker does not
    s.put("env", List.of(c.getConfig().getEnv()).stream().filter(e -> !e.startsWith("HOSTNAME="))
        .map(e -> e.replace(instanceId, "<id>")).sorted().toList());
    s.put("user", c.getConfig().getUser());
    s.put("workingDir", c.getConfig().getWorkingDir());
    var host = c.getHostConfig();
    s.put("network", host.getNetworkMode().replace(instanceId, "<id>"));
    s.put("dns", List.of(host.getDns()));
    s.put("dnsSearch", List.of(host.getDnsSearch()));
    s.put("extraHosts", List.of(host.getExtraHosts()));
    s.put("privileged", host.getPrivileged());
    s.put("binds", Arrays.stream(host.getBinds()).map(b -> b.toString().replace(instanceId, "<id>")).toList());
    var network = c.getNetworkSettings().getNetworks().get(plan.networkName().orElseThrow());
    s.put("aliases", network.getAliases() == null ? List.of() : network.getAliases().stream()
        .filter(a -> !c.getId().startsWith(a)).map(a -> a.replace(instanceId, "<id>")).sorted().toList());
    return s;
  }

  private static InspectContainerResponse awaitRunning(DockerClient docker, String name,
      CompletableFuture<JobResult> running) throws InterruptedException {
    long deadline = System.nanoTime() + BOUND.toNanos();
    while (System.nanoTime() < deadline) {
      assertThat(running).as("the job ended before its container could be inspected").isNotDone();
      try {
        InspectContainerResponse inspected = docker.inspectContainerCmd(name).exec();
        if (Boolean.TRUE.equals(inspected.getState().getRunning())) {
          return inspected;
        }
      } catch (NotFoundException e) {
        // not created yet
      }
      Thread.sleep(50);
    }
    throw new AssertionError("job container " + name + " was not running within " + BOUND);
  }

  private record Run(int exit, String output) {}

  private static Run docker(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(env);
    Process process = builder.start();
    if (!process.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(command + " did not end within " + BOUND);
    }
    return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }
}
