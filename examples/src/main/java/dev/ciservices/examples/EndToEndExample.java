package dev.ciservices.examples;

import dev.ciservices.RunnerConfig;
import dev.ciservices.JobPlan;
import dev.ciservices.JobPlanner;
import dev.ciservices.JobSpec;
import dev.ciservices.PlanReport;
import dev.ciservices.ServiceSpec;
import dev.ciservices.Variable;

/**
 * The README's main job: the GitLab documentation's "connecting services" end-to-end example
 * (selenium, a private API and PostgreSQL with the alias list {@code db postgres db}), resolved into
 * its plan and printed. Exits 1 if the plan has errors.
 */
public final class EndToEndExample {
  private EndToEndExample() {}

  /** The job, as the documentation's {@code .gitlab-ci.yml} declares it. */
  public static JobSpec job() {
    return JobSpec.builder()
        .name("end-to-end-tests")
        .image("node:latest")
        .service(ServiceSpec.builder("selenium/standalone-firefox:${FIREFOX_VERSION}").alias("firefox").build())
        .service(ServiceSpec.builder("registry.gitlab.com/organization/private-api:latest").alias("backend-api").build())
        .service(ServiceSpec.builder("postgres:16.10").alias("db postgres db").build())
        // a project variable in GitLab's settings: neither public nor written in the file
        .variable(Variable.secret("FIREFOX_VERSION", "128.0").withMasked(false))
        .variable("FF_NETWORK_PER_BUILD", "1")
        .variable(Variable.of("POSTGRES_PASSWORD", "supersecretpassword").withMasked(true))
        .variable("BACKEND_POSTGRES_HOST", "postgres")
        .script("npm install", "npm test")
        .build();
  }

  /** Prints the plan. */
  public static void main(String[] args) {
    RunnerConfig config = RunnerConfig.local().build();
    JobPlan plan = JobPlanner.plan(job(), config);
    System.out.print(PlanReport.render(plan));
    if (!plan.isValid()) {
      System.exit(1);
    }
  }
}
