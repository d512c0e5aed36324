package dev.ciservices.junit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** Services declared once in a team's annotation, put on classes directly, through a superclass, or composed. */
class MetaAnnotationIT {

  @BeforeEach
  void clear() {
    Seen.clear();
  }

  @Test
  void servicesDeclaredInATeamsAnnotationsStartForTheClassesThatCarryThem() {
    EngineExecutionResults results = Kit.run(PostgresAndRedis.class, InheritsPostgres.class);

    Kit.assertNoFailures(results);
    results.testEvents().assertStatistics(s -> s.succeeded(2));
    assertThat(Seen.distinctContainers()).hasSize(3);
    assertThat(Leftovers.containers(Seen.containers())).isEmpty();
  }

  @Test
  void aComposedAnnotationCarriesOptionsAndServicesAndSharesThem() {
    EngineExecutionResults results = Kit.run(ComposedOne.class, ComposedTwo.class);

    Kit.assertNoFailures(results);
    results.testEvents().assertStatistics(s -> s.succeeded(2));
    assertThat(Seen.containers()).hasSize(4);
    assertThat(Seen.distinctContainers()).as("one postgres and one redis for both classes").hasSize(2);
    assertThat(Leftovers.containers(Seen.containers())).isEmpty();
  }

  @Inner
  @WithPostgres
  @WithRedis
  static class PostgresAndRedis {
    @Test
    void reachesBoth(@ServiceAlias("db") ServiceHandle db, @ServiceAlias("cache") ServiceHandle cache) throws Exception {
      Seen.container(db.containerId());
      Seen.container(cache.containerId());
      assertThat(db.hostnames()).containsExactly("postgres", "db");
      assertThat(Clients.selectOne(db)).isEqualTo(1);
      assertThat(Clients.ping(cache)).isEqualTo("+PONG");
    }
  }

  @WithPostgres
  abstract static class PostgresTestBase {
    @ServiceAlias("postgres")
    ServiceHandle db;
  }

  @Inner
  static class InheritsPostgres extends PostgresTestBase {
    @Test
    void reachesIt() throws Exception {
      Seen.container(db.containerId());
      assertThat(Clients.selectOne(db)).isEqualTo(1);
    }
  }

  @Inner
  @SharedBackingServices
  static class ComposedOne {
    @Test
    void reachesBoth(@ServiceAlias("db") ServiceHandle db, @ServiceAlias("cache") ServiceHandle cache) throws Exception {
      Seen.container(db.containerId());
      Seen.container(cache.containerId());
      assertThat(Clients.selectOne(db)).isEqualTo(1);
    }
  }

  @Inner
  @SharedBackingServices
  static class ComposedTwo {
    @Test
    void reachesBoth(@ServiceAlias("db") ServiceHandle db, @ServiceAlias("cache") ServiceHandle cache) throws Exception {
      Seen.container(db.containerId());
      Seen.container(cache.containerId());
      assertThat(Clients.ping(cache)).isEqualTo("+PONG");
    }
  }
}
