package dev.ciservices.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciservices.JobSpec;
import dev.ciservices.RunningService;
import dev.ciservices.ServiceSpec;
import dev.ciservices.junit.CiServices.Lifecycle;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** How often services start and when they are removed, for each lifecycle, counted by container id. */
class LifecycleIT {

  @BeforeEach
  void clear() {
    Seen.clear();
  }

  @Test
  void perClassStartsTheServicesOnceForAllTestsOfTheClass() {
    EngineExecutionResults results = Kit.run(PerClass.class);

    results.testEvents().assertStatistics(s -> s.started(3).succeeded(3));
    assertThat(Seen.containers()).hasSize(3);
    assertThat(Seen.distinctContainers()).hasSize(1);
    assertThat(Leftovers.containers(Seen.containers())).isEmpty();
  }

  @Test
  void perMethodStartsTheServicesForEachTest() {
    EngineExecutionResults results = Kit.run(PerMethod.class);

    results.testEvents().assertStatistics(s -> s.started(3).succeeded(3));
    assertThat(Seen.distinctContainers()).hasSize(3);
    assertThat(Leftovers.containers(Seen.containers())).isEmpty();
  }

  @Test
  void sharedStartsTheServicesOnceForEveryClassThatDeclaresThem() {
    EngineExecutionResults results = Kit.run(SharedOne.class, SharedTwo.class, SharedInOtherOrder.class);

    results.testEvents().assertStatistics(s -> s.started(3).succeeded(3));
    assertThat(Seen.containers()).hasSize(6);
    assertThat(Seen.distinctContainers()).as("one api and one redis container for the run").hasSize(2);
    assertThat(Leftovers.containers(Seen.containers())).isEmpty();
  }

  @Test
  void sharedServicesStartOnceAndStayUpWhileParallelClassesUseThem() {
    ParallelShared.arrived = new CountDownLatch(4);
    EngineExecutionResults results =
        Kit.parallel(ParallelShared.A.class, ParallelShared.B.class, ParallelShared.C.class, ParallelShared.D.class);

    Kit.assertNoFailures(results);
    results.testEvents().assertStatistics(s -> s.started(8).succeeded(8));
    assertThat(Seen.containers()).hasSize(8);
    assertThat(Seen.distinctContainers()).hasSize(1);
    assertThat(Leftovers.containers(Seen.containers())).isEmpty();
  }

  @Test
  void aNestedClassUsesTheServicesOfItsEnclosingClass() {
    EngineExecutionResults results = Kit.run(WithNested.class);

    results.testEvents().assertStatistics(s -> s.started(3).succeeded(3));
    assertThat(Seen.containers()).hasSize(3);
    assertThat(Seen.distinctContainers()).as("the enclosing api, then the nested class's own redis").hasSize(2);
    assertThat(Collections.frequency(Seen.containers(), Seen.containers().get(0))).as("outer and inner api").isEqualTo(2);
    assertThat(Leftovers.containers(Seen.containers())).isEmpty();
  }

  @Test
  void aStaticExtensionFieldStartsPerClassAndAnInstanceFieldPerMethod() {
    EngineExecutionResults results = Kit.run(ProgrammaticPerClass.class, ProgrammaticPerMethod.class);

    results.testEvents().assertStatistics(s -> s.started(4).succeeded(4));
    assertThat(Seen.containers()).hasSize(4);
    assertThat(Seen.containers().subList(0, 2)).as("static field").containsOnly(Seen.containers().get(0));
    assertThat(Seen.containers().subList(2, 4)).as("instance field").doesNotHaveDuplicates();
    assertThat(Leftovers.containers(Seen.containers())).isEmpty();
  }

  @Test
  void programmaticSharedServicesAreTheDeclaredOnesWhenTheyAreTheSame() {
    EngineExecutionResults results = Kit.run(SharedOne.class, ProgrammaticShared.class);

    results.testEvents().assertStatistics(s -> s.started(2).succeeded(2));
    assertThat(Seen.containers()).hasSize(3);
    assertThat(Seen.distinctContainers()).hasSize(2);
    assertThat(Leftovers.containers(Seen.containers())).isEmpty();
  }

  @Test
  void sharedServicesInAnotherOrderThatGivesOtherHostnamesAreRefused() {
    EngineExecutionResults results = Kit.run(Map.of("junit.jupiter.testclass.order.default",
        "org.junit.jupiter.api.ClassOrderer$OrderAnnotation"), AliasFirstToRedis.class, AliasFirstToApi.class);

    results.testEvents().assertStatistics(s -> s.started(1).succeeded(1));
    assertThat(Kit.onlyFailure(results)).isInstanceOf(ExtensionConfigurationException.class).hasMessage(
        "[LifecycleIT$AliasFirstToApi] declares the same SHARED services as LifecycleIT$AliasFirstToRedis in another"
            + " order, and the order decides which service holds an alias both claim: [@Service(name ="
            + " \"ci-services/http-api:latest\", alias = \"store\")] on LifecycleIT$AliasFirstToApi would answer to"
            + " [ci-services__http-api, ci-services-http-api, store] here, but answers to [ci-services__http-api,"
            + " ci-services-http-api] in the running services; declare the services in the same order (one"
            + " meta-annotation for both classes does that)");
    assertThat(Leftovers.ofJobNamed("shared")).isEmpty();
  }

  @Inner
  @CiServices
  @Service(name = "ci-services/http-api:latest", alias = "api", ports = 8080)
  static class PerClass {
    @ServiceAlias("api")
    ServiceHandle api;

    @Test
    void one() throws Exception {
      Seen.container(api.containerId());
      assertThat(Seen.health(api)).isEqualTo("{\"status\":\"ok\"}");
    }

    @Test
    void two() {
      Seen.container(api.containerId());
    }

    @Test
    void three() {
      Seen.container(api.containerId());
    }
  }

  @Inner
  @CiServices(lifecycle = Lifecycle.PER_METHOD)
  @Service(name = "ci-services/http-api:latest", alias = "api", ports = 8080)
  static class PerMethod {
    @Test
    void one(@ServiceAlias("api") ServiceHandle api) throws Exception {
      Seen.container(api.containerId());
      assertThat(Seen.health(api)).isEqualTo("{\"status\":\"ok\"}");
    }

    @Test
    void two(@ServiceAlias("api") ServiceHandle api) {
      Seen.container(api.containerId());
    }

    @Test
    void three(@ServiceAlias("api") ServiceHandle api) {
      Seen.container(api.containerId());
    }
  }

  @Inner
  @CiServices(lifecycle = Lifecycle.SHARED)
  @Service(name = "ci-services/http-api:latest", alias = "api", ports = 8080)
  @Service(name = "redis:7", ports = 6379)
  static class SharedOne {
    @Test
    void uses(@ServiceAlias("api") ServiceHandle api, @ServiceAlias("redis") ServiceHandle redis) throws Exception {
      Seen.container(api.containerId());
      Seen.container(redis.containerId());
      assertThat(Seen.health(api)).isEqualTo("{\"status\":\"ok\"}");
    }
  }

  @Inner
  @CiServices(lifecycle = Lifecycle.SHARED)
  @Service(name = "ci-services/http-api:latest", alias = "api", ports = 8080)
  @Service(name = "redis:7", ports = 6379)
  static class SharedTwo {
    @Test
    void uses(@ServiceAlias("api") ServiceHandle api, @ServiceAlias("redis") ServiceHandle redis) throws Exception {
      Seen.container(api.containerId());
      Seen.container(redis.containerId());
      assertThat(Seen.health(api)).as("still running after the first class").isEqualTo("{\"status\":\"ok\"}");
    }
  }

  @Inner
  @CiServices(lifecycle = Lifecycle.SHARED)
  @Service(name = "redis:7", ports = 6379)
  @Service(name = "ci-services/http-api:latest", alias = "api", ports = 8080)
  static class SharedInOtherOrder {
    @Test
    void uses(@ServiceAlias("api") ServiceHandle api, @ServiceAlias("redis") ServiceHandle redis) throws Exception {
      Seen.container(api.containerId());
      Seen.container(redis.containerId());
      assertThat(Seen.health(api)).isEqualTo("{\"status\":\"ok\"}");
    }
  }

  /**
   * Four classes that share one service: all inside their tests at the same time, then each using it
   * for longer than the one before, so that a class that stopped it at its end would fail the others.
   */
  static class ParallelShared {
    static volatile CountDownLatch arrived = new CountDownLatch(0);

    @CiServices(lifecycle = Lifecycle.SHARED)
    @Service(name = "ci-services/http-api:latest", alias = "api", ports = 8080)
    abstract static class Base {
      @ServiceAlias("api")
      ServiceHandle api;

      abstract long outlivesMillis();

      @Test
      void meetsTheOthersThenOutlivesSome() throws Exception {
        Seen.container(api.containerId());
        arrived.countDown();
        assertThat(arrived.await(60, TimeUnit.SECONDS)).as("all four classes run at once").isTrue();
        Thread.sleep(outlivesMillis());
        assertThat(Seen.health(api)).isEqualTo("{\"status\":\"ok\"}");
      }

      @Test
      void usesThemToo() throws Exception {
        Seen.container(api.containerId());
        assertThat(Seen.health(api)).isEqualTo("{\"status\":\"ok\"}");
      }
    }

    @Inner
    static class A extends Base {
      @Override
      long outlivesMillis() {
        return 0;
      }
    }

    @Inner
    static class B extends Base {
      @Override
      long outlivesMillis() {
        return 700;
      }
    }

    @Inner
    static class C extends Base {
      @Override
      long outlivesMillis() {
        return 1400;
      }
    }

    @Inner
    static class D extends Base {
      @Override
      long outlivesMillis() {
        return 2100;
      }
    }
  }

  @Inner
  @Service(name = "ci-services/http-api:latest", alias = "api", ports = 8080)
  static class WithNested {
    @Test
    void outer(@ServiceAlias("api") ServiceHandle api) {
      Seen.container(api.containerId());
    }

    @Nested
    class UsesTheOuterServices {
      @Test
      void inner(@ServiceAlias("api") ServiceHandle api) {
        Seen.container(api.containerId());
      }
    }

    @Nested
    @Service(name = "redis:7", ports = 6379)
    class AddsItsOwn {
      @Test
      void both(@ServiceAlias("api") ServiceHandle api, @ServiceAlias("redis") ServiceHandle redis) {
        assertThat(api.containerId()).isEqualTo(Seen.containers().get(0));
        Seen.container(redis.containerId());
      }
    }
  }

  @Inner
  @Order(1)
  @CiServices(lifecycle = Lifecycle.SHARED)
  @Service(name = "redis:7", alias = "store")
  @Service(name = "ci-services/http-api:latest", alias = "store")
  static class AliasFirstToRedis {
    @Test
    void test(@ServiceAlias("store") RunningService store) {
      assertThat(store.plan().name()).isEqualTo("redis:7");
    }
  }

  @Inner
  @Order(2)
  @CiServices(lifecycle = Lifecycle.SHARED)
  @Service(name = "ci-services/http-api:latest", alias = "store")
  @Service(name = "redis:7", alias = "store")
  static class AliasFirstToApi {
    @Test
    void test() {}
  }

  static final JobSpec API = JobSpec.builder()
      .service(ServiceSpec.builder("ci-services/http-api:latest").alias("api").ports(8080).build()).build();

  @Inner
  static class ProgrammaticPerClass {
    @RegisterExtension
    static CiServicesExtension services = CiServicesExtension.forJob(API);

    @Test
    void one() {
      Seen.container(services.service("api").containerId());
    }

    @Test
    void two(@ServiceAlias("api") ServiceHandle api) {
      Seen.container(api.containerId());
    }
  }

  @Inner
  static class ProgrammaticPerMethod {
    @RegisterExtension
    CiServicesExtension services = CiServicesExtension.forJob(API);

    @Test
    void one() {
      Seen.container(services.service("api").containerId());
    }

    @Test
    void two(@ServiceAlias("api") ServiceHandle api) {
      Seen.container(api.containerId());
    }
  }

  @Inner
  static class ProgrammaticShared {
    @RegisterExtension
    static CiServicesExtension services = CiServicesExtension.forJob(JobSpec.builder()
        .service(ServiceSpec.builder("redis:7").ports(6379).build())
        .service(ServiceSpec.builder("ci-services/http-api:latest").alias("api").ports(8080).build())
        .build()).withLifecycle(Lifecycle.SHARED);

    @Test
    void uses(@ServiceAlias("api") ServiceHandle api) {
      Seen.container(api.containerId());
    }
  }
}
