package dev.ciservices.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandIT {
  @TempDir
  Path project;

  @Test
  void runsAJobFromGitlabCiYmlWithItsServicesAndTheWorkspace() throws Exception {
    Files.writeString(project.resolve("schema.sql"), "select 'from the workspace';\n");
    Files.writeString(project.resolve(".gitlab-ci.yml"), String.join("\n",
        "variables:",
        "  POSTGRES_PASSWORD: example",
        "  PGPASSWORD: example",
        ".db: &db",
        "  name: postgres:15",
        "  alias: db",
        "test:",
        "  image: ci-services/clients:latest",
        "  services:",
        "    - *db",
        "    - redis:7",
        "  before_script:",
        "    - until pg_isready -h db; do sleep 0.1; done",
        "  script:",
        "    - psql -h db -U postgres -tA -f schema.sql",
        "    - redis-cli -h redis ping",
        "    - echo token=$API_TOKEN",
        ""));
    Cli cli = Cli.run("run", "test", "--file", project.resolve(".gitlab-ci.yml").toString(),
        "--secret", "API_TOKEN=tok-abcdef123");
    assertThat(cli.status()).isZero();
    assertThat(cli.out()).contains("Starting service postgres:15...", "from the workspace", "PONG", "token=[MASKED]",
        "Job succeeded").doesNotContain("tok-abcdef123");
  }

  @Test
  void readinessIsChosenOnTheCommandLineAndSaidInTheRunningWithLine() throws Exception {
    Files.writeString(project.resolve(".gitlab-ci.yml"), String.join("\n",
        "test:",
        "  image: ci-services/clients:latest",
        "  services: [redis:7]",
        "  script: [redis-cli -h redis ping]",
        ""));
    String file = project.resolve(".gitlab-ci.yml").toString();
    Cli cli = Cli.run("run", "test", "--file", file, "--readiness", "published-port");
    assertThat(cli.status()).isZero();
    assertThat(cli.out()).containsPattern("Running with ci-services on .*; readiness: published port \\(as"
        + " DockerOptions.readinessProbe asks\\)\\n").contains("PONG", "Job succeeded");

    Cli bad = Cli.run("run", "test", "--file", file, "--readiness", "ports");
    assertThat(bad.status()).isEqualTo(2);
    assertThat(bad.err()).isEqualTo("ci-services: --readiness: unknown readiness probe \"ports\"; use one of auto,"
        + " container-address, published-port" + System.lineSeparator());
  }

  @Test
  void exitsWithTheFailingCommandsStatus() throws Exception {
    Files.writeString(project.resolve(".gitlab-ci.yml"),
        "fail:\n  image: ci-services/clients:latest\n  script:\n    - echo about to fail\n    - exit 5\n");
    Cli cli = Cli.run("run", "fail", "--file", project.resolve(".gitlab-ci.yml").toString());
    assertThat(cli.status()).isEqualTo(5);
    assertThat(cli.out()).contains("about to fail", "ERROR: Job failed: exit code 5");
  }
}
