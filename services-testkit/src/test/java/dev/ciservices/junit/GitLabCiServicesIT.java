package dev.ciservices.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** A test class that runs against exactly the services and variables a .gitlab-ci.yml job declares. */
class GitLabCiServicesIT {
  static final String FILE = "src/test/resources/gitlab-ci/.gitlab-ci.yml";

  @BeforeEach
  void clear() {
    Seen.clear();
  }

  @Test
  void startsTheJobsServicesWithItsVariables() {
    EngineExecutionResults results = Kit.run(FromCi.class);
    Kit.assertNoFailures(results);
    results.testEvents().assertStatistics(s -> s.succeeded(1));
    assertThat(Leftovers.containers(Seen.containers())).isEmpty();
  }

  @Test
  void aPortForAHostnameNoServiceHasNamesTheServicesThereAre() {
    assertThat(Kit.onlyFailure(Kit.run(UnknownHostname.class)))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessage("[@GitLabCiServices(job = \"test\", file = \"" + FILE + "\")] on GitLabCiServicesIT$UnknownHostname:"
            + " no service of job \"test\" answers to \"mysql\"; its services are [postgres:15 (alias db),"
            + " redis:7 (alias cache)]");
  }

  @Test
  void anUnknownJobSaysWhichJobsThereAre() {
    assertThat(Kit.onlyFailure(Kit.run(UnknownJob.class)))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessageStartingWith("[@GitLabCiServices(job = \"deploy\", file = \"" + FILE + "\")] on GitLabCiServicesIT$UnknownJob: ")
        .hasMessageContaining("\"test\"");
  }

  @Inner
  @GitLabCiServices(job = "test", file = FILE, ports = {"db:5432", "cache:6379"})
  @CiServices(variables = "APP_ENV=overridden")
  static class FromCi {
    @Test
    void reachesWhatCiDeclares(@ServiceAlias("db") ServiceHandle db, @ServiceAlias("cache") ServiceHandle cache)
        throws Exception {
      Seen.container(db.containerId());
      Seen.container(cache.containerId());
      assertThat(db.hostnames()).containsExactly("postgres", "db");
      assertThat(cache.hostnames()).containsExactly("redis", "cache");
      // the job's variables reached the service: POSTGRES_DB and POSTGRES_PASSWORD come from the file
      String url = "jdbc:" + db.uri("postgresql", 5432) + "/app";
      for (int attempt = 0; ; attempt++) {
        try (Connection c = DriverManager.getConnection(url, "postgres", "from-ci");
            ResultSet rs = c.createStatement().executeQuery("select current_database()")) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString(1)).isEqualTo("app");
          break;
        } catch (java.sql.SQLException e) {
          // PostgreSQL opens its port a moment before it accepts sessions
          if (attempt > 50 || !String.valueOf(e.getMessage()).contains("starting up")) {
            throw e;
          }
          Thread.sleep(100);
        }
      }
      assertThat(Clients.ping(cache)).isEqualTo("+PONG");
    }
  }

  @Inner
  @GitLabCiServices(job = "test", file = FILE, ports = "mysql:3306")
  static class UnknownHostname {
    @Test
    void neverRuns() {}
  }

  @Inner
  @GitLabCiServices(job = "deploy", file = FILE)
  static class UnknownJob {
    @Test
    void neverRuns() {}
  }
}
