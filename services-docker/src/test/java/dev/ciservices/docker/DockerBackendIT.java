package dev.ciservices.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciservices.JobSpec;
import dev.ciservices.RunningServices;
import dev.ciservices.ServiceSpec;
import dev.ciservices.Wait;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

class DockerBackendIT {
  @Test
  void startsPostgresAndRedisThatRealClientsReach() throws Exception {
    Engines.Recorder trace = new Engines.Recorder();
    JobSpec job = JobSpec.builder()
        // PostgreSQL opens its port a moment before it accepts sessions: wait for its second
        // "ready" line as a Testcontainers user would (GitLab's TCP check alone does not)
        .service(ServiceSpec.builder("postgres:15").alias("db").ports(5432)
            .waitFor(Wait.forLogMessage(".*database system is ready to accept connections.*", 2)).build())
        .service(ServiceSpec.builder("redis:7").ports(6379).build())
        .variable("POSTGRES_PASSWORD", "secret").variable("POSTGRES_DB", "app")
        .build();
    try (RunningServices services = Engines.start(job, Engines.LOCAL, trace)) {
      var pg = services.service("db").endpoint(5432).orElseThrow();
      try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + pg.hostPort() + "/app", "postgres", "secret");
          ResultSet rs = c.createStatement().executeQuery("select current_database(), 6 * 7")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("app");
        assertThat(rs.getInt(2)).isEqualTo(42);
      }
      var redis = services.service("redis").endpoint(6379).orElseThrow();
      try (Socket s = new Socket(redis.host(), redis.port())) {
        OutputStream out = s.getOutputStream();
        out.write("*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = s.getInputStream();
        assertThat(new String(in.readNBytes(7), StandardCharsets.US_ASCII)).isEqualTo("+PONG\r\n");
      }
    }
    System.out.println(trace.text());
    assertThat(trace.lines).contains("Starting service postgres:15...", "Starting service redis:7...",
        "Waiting for services to be up and running (timeout 30 seconds)...",
        "Using locally found image version due to \"if-not-present\" pull policy");
  }
}
