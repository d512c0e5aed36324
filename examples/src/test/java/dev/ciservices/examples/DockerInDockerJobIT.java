package dev.ciservices.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciservices.JobPlan;
import dev.ciservices.JobPlanner;
import dev.ciservices.JobResult;
import dev.ciservices.ServiceListener;
import dev.ciservices.StartOptions;
import dev.ciservices.docker.DockerBackend;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Docker-in-Docker example job, run on the real engine. */
class DockerInDockerJobIT {
  @TempDir
  Path workspace;

  @Test
  void theJobRunsASecondContainerInsideDindThatReachesAnotherServiceOfTheJob() throws Exception {
    // the inner daemon has no registry either: the workspace carries the image it runs
    Process save = new ProcessBuilder("docker", "save", "busybox:latest", "-o", workspace.resolve("busybox.tar").toString())
        .inheritIO().start();
    assertThat(save.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(save.exitValue()).isZero();

    JobPlan plan = JobPlanner.plan(DockerInDockerJob.job(workspace), DockerInDockerJob.runner());
    assertThat(plan.service("docker").orElseThrow().privileged()).isTrue();
    assertThat(plan.service("backend-api").orElseThrow().privileged()).isFalse();
    List<String> trace = new CopyOnWriteArrayList<>();
    JobResult result;
    try (DockerBackend docker = DockerBackend.connect()) {
      result = docker.run(plan, StartOptions.gitlab(ServiceListener.trace(trace::add)));
    }
    String text = String.join("\n", trace);
    assertThat(result.succeeded()).as(text).isTrue();
    assertThat(trace).contains("Starting service docker:dind...", "inner daemon: Docker 20.10.24+dfsg1",
        "Loaded image: busybox:latest", "hello from the workspace",
        "{\"message\":\"hello from ci-services/http-api\"}");
    assertThat(text).doesNotContain("WARNING: Service");
  }
}
