package dev.ciservices.examples;

import dev.ciservices.RunnerConfig;
import dev.ciservices.JobPlan;
import dev.ciservices.JobPlanner;
import dev.ciservices.JobResult;
import dev.ciservices.JobSpec;
import dev.ciservices.ServiceListener;
import dev.ciservices.ServiceSpec;
import dev.ciservices.StartOptions;
import dev.ciservices.Variable;
import dev.ciservices.docker.DockerBackend;
import dev.ciservices.docker.DockerCommands;
import java.util.Arrays;

/**
 * The README's main job, modelled on the documentation's end-to-end example: a job that uses a
 * PostgreSQL service (alias {@code db}), a Redis service and a small HTTP API service, run on the
 * local Docker engine with GitLab's semantics. Prints the trace; exits with the job's status.
 * {@code --docker-commands} prints the equivalent docker commands instead of running anything.
 */
public final class DemoJob {
  private DemoJob() {}

  /** The job. */
  public static JobSpec job() {
    return JobSpec.builder()
        .name("end-to-end-tests")
        .image("ci-services/clients:latest")
        .service(ServiceSpec.builder("postgres:15").alias("db").build())
        .service(ServiceSpec.of("redis:7"))
        .service(ServiceSpec.builder("ci-services/http-api:latest").alias("backend-api").build())
        .variable(Variable.of("POSTGRES_PASSWORD", "supersecretpassword").withMasked(true))
        .variable("POSTGRES_DB", "app")
        .variable("PGPASSWORD", "$POSTGRES_PASSWORD")
        // the port opens a moment before PostgreSQL accepts sessions, in GitLab as here
        .beforeScript("until pg_isready -h db -U postgres; do sleep 0.1; done")
        .script(
            "psql -h db -U postgres -d app -tAc \"select 'postgres says hello, password ' || '$POSTGRES_PASSWORD'\"",
            "redis-cli -h redis set greeting hello",
            "redis-cli -h redis get greeting",
            "wget -q -O - http://backend-api:8080/api/hello")
        .afterScript("echo \"services reached: db, redis, backend-api\"")
        .build();
  }

  /** Runs the job; exits with its status. */
  public static void main(String[] args) {
    RunnerConfig runner = RunnerConfig.local().build();
    JobPlan plan = JobPlanner.plan(job(), runner);
    if (Arrays.asList(args).contains("--docker-commands")) {
      System.out.print(DockerCommands.script(plan));
      return;
    }
    ServiceListener console = ServiceListener.trace(System.out::println);
    JobResult result;
    try (DockerBackend docker = DockerBackend.connect()) {
      System.out.println("Running with ci-services on " + docker.describe());
      result = docker.run(plan, StartOptions.gitlab(console));
    }
    System.out.println("Timings: " + result.timings());
    System.exit(result.succeeded() ? 0 : Math.max(1, result.exitCode()));
  }
}
