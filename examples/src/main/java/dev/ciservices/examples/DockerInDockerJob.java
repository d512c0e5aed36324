package dev.ciservices.examples;

import dev.ciservices.RunnerConfig;
import dev.ciservices.JobPlan;
import dev.ciservices.JobPlanner;
import dev.ciservices.JobResult;
import dev.ciservices.JobSpec;
import dev.ciservices.PullPolicy;
import dev.ciservices.ServiceListener;
import dev.ciservices.ServiceSpec;
import dev.ciservices.StartOptions;
import dev.ciservices.docker.DockerBackend;
import java.nio.file.Path;

/**
 * The documentation's "Using services with docker run (Docker-in-Docker) side-by-side": a job on
 * the {@code docker} image with a privileged {@code docker:dind} service (reached as {@code docker}
 * with {@code DOCKER_HOST=tcp://docker:2375} and {@code DOCKER_TLS_CERTDIR=""}) and an HTTP API
 * service. The job starts a second container with {@code docker run --network=host} inside the dind
 * service; that container reaches the HTTP API service by its hostname and reads the workspace
 * through the shared {@code /builds}. No registry is reachable, from the job or from the inner
 * daemon, so the workspace carries the inner container's image as {@code busybox.tar} and the job
 * loads it with {@code docker load}.
 *
 * <p>{@code main(workspace)}: the workspace must hold {@code busybox.tar} (e.g. {@code docker save
 * busybox:latest -o busybox.tar}). Prints the trace; exits with the job's status.
 */
public final class DockerInDockerJob {
  private DockerInDockerJob() {}

  /** The job, with this directory copied in as its workspace. */
  public static JobSpec job(Path workspace) {
    return JobSpec.builder()
        .name("access-service")
        .image("docker:20.10.24")
        .service(ServiceSpec.of("docker:dind"))
        .service(ServiceSpec.builder("ci-services/http-api:latest").alias("backend-api").build())
        .variable("FF_NETWORK_PER_BUILD", "true")
        .variable("DOCKER_HOST", "tcp://docker:2375")
        .variable("DOCKER_TLS_CERTDIR", "")
        .workspace(workspace)
        .script(
            "docker version --format 'inner daemon: Docker {{.Server.Version}}'",
            "docker load -q -i busybox.tar",
            "echo 'hello from the workspace' > greeting.txt",
            "docker run --rm --name wget --volume \"$(pwd)\":\"$(pwd)\" --workdir \"$(pwd)\" --network=host"
                + " busybox:latest sh -c 'cat greeting.txt; wget -q -O - http://backend-api:8080/api/hello'")
        .build();
  }

  /** The runner: dind needs a privileged service, which the runner allows for {@code docker:*dind} only. */
  public static RunnerConfig runner() {
    return RunnerConfig.builder().pullPolicy(PullPolicy.IF_NOT_PRESENT).servicesPrivileged(true)
        .allowedPrivilegedServices("docker:*dind").build();
  }

  /** Runs the job in {@code args[0]} (default: the current directory); exits with its status. */
  public static void main(String[] args) {
    JobPlan plan = JobPlanner.plan(job(Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath()), runner());
    JobResult result;
    try (DockerBackend docker = DockerBackend.connect()) {
      System.out.println("Running with ci-services on " + docker.describe());
      result = docker.run(plan, StartOptions.gitlab(ServiceListener.trace(System.out::println)));
    }
    System.exit(result.succeeded() ? 0 : Math.max(1, result.exitCode()));
  }
}
