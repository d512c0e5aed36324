package dev.ciservices.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciservices.JobSpec;
import dev.ciservices.RunningService;
import dev.ciservices.RunningServices;
import dev.ciservices.ServiceSpec;
import dev.ciservices.junit.CiServices.Lifecycle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** What can be injected where, and the exact message of every mistake. */
class InjectionIT {
  private static final String API_HOSTNAMES = "[ci-services__http-api, ci-services-http-api, api] of ci-services/http-api:latest";

  @Test
  void injectsIntoConstructorsFieldsAndLifecycleAndTestMethods() {
    EngineExecutionResults results = Kit.run(EveryMember.class);

    Kit.assertNoFailures(results);
    results.testEvents().assertStatistics(s -> s.succeeded(1));
    assertThat(Leftovers.ofJobNamed(EveryMember.class.getName())).isEmpty();
  }

  @Test
  void anUnknownAliasInAFieldListsTheHostnamesThereAre() {
    assertThat(Kit.onlyFailure(Kit.run(UnknownAliasField.class)))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessage("No service answers to \"cache\" for [field ServiceHandle InjectionIT$UnknownAliasField.cache];"
            + " the hostnames are " + API_HOSTNAMES + ": use one of them in @ServiceAlias");
  }

  @Test
  void anUnknownAliasInAParameterListsTheHostnamesThereAre() {
    assertThat(Kit.onlyFailure(Kit.run(UnknownAliasParameter.class)))
        .isInstanceOf(ParameterResolutionException.class)
        .hasMessage("No service answers to \"cache\" for [parameter ServiceHandle cache of"
            + " InjectionIT$UnknownAliasParameter.test(ServiceHandle)]; the hostnames are " + API_HOSTNAMES
            + ": use one of them in @ServiceAlias");
  }

  @Test
  void aFieldOfAnotherTypeSaysWhichTypesWork() {
    assertThat(Kit.onlyFailure(Kit.run(WrongType.class)))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessage("[field String InjectionIT$WrongType.api] has @ServiceAlias(\"api\") but is a String;"
            + " declare it as ServiceHandle, RunningService or connection details such as JdbcDetails");
  }

  @Test
  void aPortThatIsNotPublishedNamesTheDeclarationToAddItTo() {
    assertThat(Kit.onlyFailure(Kit.run(PortNotPublished.class)))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessage("Container port 9090 of service \"api\" (ci-services/http-api:latest) is not published"
            + " (published: [8080]); add 9090 to the ports of [@Service(name = \"ci-services/http-api:latest\","
            + " alias = \"api\", ports = 8080)] on InjectionIT$PortNotPublished");
  }

  @Test
  void aPortThatIsNotPublishedNamesTheJobSpecOfAProgrammaticExtension() {
    assertThat(Kit.onlyFailure(Kit.run(ProgrammaticPortNotPublished.class)))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessage("Container port 6380 of service \"redis\" (redis:7) is not published (published: [6379]);"
            + " add 6380 to the ports of [services[0] redis:7] of CiServicesExtension.forJob(...) in"
            + " InjectionIT$ProgrammaticPortNotPublished");
  }

  @Test
  void aHandleWithoutAliasNeedsOneWhenSeveralServicesRun() {
    assertThat(Kit.onlyFailure(Kit.run(NeedsAlias.class)))
        .isInstanceOf(ParameterResolutionException.class)
        .hasMessage("[parameter ServiceHandle service of InjectionIT$NeedsAlias.test(ServiceHandle)] needs"
            + " @ServiceAlias to choose one of 2 services: " + API_HOSTNAMES + ", [redis] of redis:7");
  }

  @Test
  void aStaticFieldCannotReceivePerMethodServices() {
    assertThat(Kit.onlyFailure(Kit.run(StaticFieldPerMethod.class)))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessage("[static field ServiceHandle InjectionIT$StaticFieldPerMethod.api] cannot receive a service:"
            + " with lifecycle PER_METHOD services start before each test method; make it an instance field,"
            + " or use PER_CLASS or SHARED");
  }

  @Test
  void aConstructorCannotReceivePerMethodServices() {
    assertThat(Kit.onlyFailure(Kit.run(ConstructorPerMethod.class)))
        .isInstanceOf(ParameterResolutionException.class)
        .hasMessage("No services are running for [parameter ServiceHandle api of"
            + " InjectionIT$ConstructorPerMethod(ServiceHandle)]: with lifecycle PER_METHOD they start before each"
            + " test method, after the test instance is made; inject them into test methods, @BeforeEach methods"
            + " or instance fields, or use PER_CLASS");
  }

  @Test
  void aFinalFieldIsRefused() {
    assertThat(Kit.onlyFailure(Kit.run(FinalField.class)))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessage("[field ServiceHandle InjectionIT$FinalField.api] must not be final to receive @ServiceAlias(\"api\")");
  }

  @Test
  void servicesDeclaredTwiceOnOneClassAreRefused() {
    assertThat(Kit.onlyFailure(Kit.run(DeclaredTwice.class)))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessage("[InjectionIT$DeclaredTwice] declares services twice, with @Service annotations and with"
            + " CiServicesExtension.forJob(...); declare them in one place, since a class's services start together");
    assertThat(Leftovers.ofJobNamed(DeclaredTwice.class.getName())).isEmpty();
  }

  @Test
  void ciServicesWithoutAnyServiceSaysHowToDeclareOne() {
    assertThat(Kit.onlyFailure(Kit.run(NoServices.class)))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessage("[@CiServices] on InjectionIT$NoServices declares no services; add @Service(name = \"...\") or"
            + " @GitLabCiServices(job = \"...\") to the class or to one of its annotations, or register CiServicesExtension.forJob(...) instead");
  }

  @Test
  void theProgrammaticAccessorListsTheHostnamesThereAre() {
    EngineExecutionResults results = Kit.run(ProgrammaticAccessor.class);

    Kit.assertNoFailures(results);
    results.testEvents().assertStatistics(s -> s.succeeded(1));
  }

  static final JobSpec API = JobSpec.builder()
      .service(ServiceSpec.builder("ci-services/http-api:latest").alias("api").ports(8080).build()).build();

  @Inner
  @Service(name = "ci-services/http-api:latest", alias = "api", ports = 8080)
  static class EveryMember {
    @ServiceAlias("api")
    static ServiceHandle staticField;
    @ServiceAlias("ci-services-http-api")
    private ServiceHandle privateField;
    @ServiceAlias("api")
    RunningService runningService;
    static String fromBeforeAll = "";
    final ServiceHandle fromConstructor;
    String fromBeforeEach = "";

    EveryMember(@ServiceAlias("api") ServiceHandle api) {
      this.fromConstructor = api;
    }

    @BeforeAll
    static void beforeAll(@ServiceAlias("api") ServiceHandle api) {
      assertThat(staticField).as("static fields are set before @BeforeAll methods").isNotNull();
      fromBeforeAll = api.containerId();
    }

    @BeforeEach
    void beforeEach(ServiceHandle onlyOne) {
      assertThat(privateField).as("instance fields are set before @BeforeEach methods").isNotNull();
      fromBeforeEach = onlyOne.containerId();
    }

    @Test
    void test(@ServiceAlias("api") ServiceHandle api, RunningServices all) throws Exception {
      String id = api.containerId();
      assertThat(staticField.containerId()).isEqualTo(id);
      assertThat(privateField.containerId()).isEqualTo(id);
      assertThat(runningService.containerId()).isEqualTo(id);
      assertThat(fromConstructor.containerId()).isEqualTo(id);
      assertThat(fromBeforeAll).isEqualTo(id);
      assertThat(fromBeforeEach).isEqualTo(id);
      assertThat(all.services()).extracting(RunningService::containerId).containsExactly(id);
      assertThat(api.hostnames()).containsExactly("ci-services__http-api", "ci-services-http-api", "api");
      assertThat(api.host()).isEqualTo(api.endpoint(8080).host());
      assertThat(api.hostPort(8080)).isEqualTo(api.host() + ":" + api.port(8080));
      assertThat(api.uri("http", 8080)).hasToString("http://" + api.hostPort(8080));
      assertThat(Seen.health(api)).isEqualTo("{\"status\":\"ok\"}");
    }
  }

  @Inner
  @Service(name = "ci-services/http-api:latest", alias = "api", ports = 8080)
  static class UnknownAliasField {
    @ServiceAlias("cache")
    ServiceHandle cache;

    @Test
    void test() {}
  }

  @Inner
  @Service(name = "ci-services/http-api:latest", alias = "api", ports = 8080)
  static class UnknownAliasParameter {
    @Test
    void test(@ServiceAlias("cache") ServiceHandle cache) {}
  }

  @Inner
  @Service(name = "ci-services/http-api:latest", alias = "api", ports = 8080)
  static class WrongType {
    @ServiceAlias("api")
    String api;

    @Test
    void test() {}
  }

  @Inner
  @Service(name = "ci-services/http-api:latest", alias = "api", ports = 8080)
  static class PortNotPublished {
    @Test
    void test(@ServiceAlias("api") ServiceHandle api) {
      api.port(9090);
    }
  }

  @Inner
  static class ProgrammaticPortNotPublished {
    @RegisterExtension
    static CiServicesExtension services =
        CiServicesExtension.forJob(JobSpec.ofServices(ServiceSpec.builder("redis:7").ports(6379).build()));

    @Test
    void test() {
      services.service("redis").port(6380);
    }
  }

  @Inner
  @Service(name = "ci-services/http-api:latest", alias = "api", ports = 8080)
  @Service(name = "redis:7")
  static class NeedsAlias {
    @Test
    void test(ServiceHandle service) {}
  }

  @Inner
  @CiServices(lifecycle = Lifecycle.PER_METHOD)
  @Service(name = "ci-services/http-api:latest", alias = "api", ports = 8080)
  static class StaticFieldPerMethod {
    @ServiceAlias("api")
    static ServiceHandle api;

    @Test
    void test() {}
  }

  @Inner
  @CiServices(lifecycle = Lifecycle.PER_METHOD)
  @Service(name = "ci-services/http-api:latest", alias = "api", ports = 8080)
  static class ConstructorPerMethod {
    ConstructorPerMethod(@ServiceAlias("api") ServiceHandle api) {}

    @Test
    void test() {}
  }

  @Inner
  @Service(name = "ci-services/http-api:latest", alias = "api", ports = 8080)
  static class FinalField {
    @ServiceAlias("api")
    final ServiceHandle api = null;

    @Test
    void test() {}
  }

  @Inner
  @Service(name = "ci-services/http-api:latest", alias = "api", ports = 8080)
  static class DeclaredTwice {
    @RegisterExtension
    static CiServicesExtension services = CiServicesExtension.forJob(JobSpec.ofServices(ServiceSpec.of("redis:7")));

    @Test
    void test() {}
  }

  @Inner
  @CiServices
  static class NoServices {
    @Test
    void test() {}
  }

  @Inner
  static class ProgrammaticAccessor {
    @RegisterExtension
    static CiServicesExtension services = CiServicesExtension.forJob(API);

    @Test
    void test() {
      assertThat(services.running().services()).hasSize(1);
      assertThat(services.service("api").port(8080)).isPositive();
      org.assertj.core.api.Assertions.assertThatIllegalArgumentException().isThrownBy(() -> services.service("db"))
          .withMessage("No service answers to \"db\"; the hostnames are [" + API_HOSTNAMES + "]");
    }
  }
}
