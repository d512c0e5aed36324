package dev.ciservices.details;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ciservices.RunnerConfig;
import dev.ciservices.ImageRef;
import dev.ciservices.JobPlanner;
import dev.ciservices.PullPolicy;
import dev.ciservices.RunningService;
import dev.ciservices.ServiceEndpoint;
import dev.ciservices.ServicePlan;
import dev.ciservices.ServiceSpec;
import dev.ciservices.JobSpec;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The details each official image's documentation gives for its defaults and variables. */
class ServiceDetailsTest {
  private static final RunnerConfig LOCAL = RunnerConfig.builder().pullPolicy(PullPolicy.IF_NOT_PRESENT).build();

  /** The plan of one service with these job variables. */
  static ServicePlan plan(ServiceSpec service, Map<String, String> jobVariables) {
    JobSpec.Builder job = JobSpec.builder().service(service);
    jobVariables.forEach(job::variable);
    return JobPlanner.plan(job.build(), LOCAL).services().get(0);
  }

  static ServicePlan plan(String image, String... variables) {
    ServiceSpec.Builder b = ServiceSpec.builder(image);
    for (int i = 0; i < variables.length; i += 2) {
      b.variable(variables[i], variables[i + 1]);
    }
    return plan(b.build(), Map.of());
  }

  static ConnectionDetails job(ServicePlan plan) {
    return ServiceDetails.forJob(plan).orElseThrow();
  }

  /** A running service that publishes its ports on 127.0.0.1:4xxxx. */
  static RunningService running(ServicePlan plan) {
    return new RunningService() {
      @Override
      public ServicePlan plan() {
        return plan;
      }

      @Override
      public String containerId() {
        return "0123456789abcdef";
      }

      @Override
      public Optional<ServiceEndpoint> endpoint(int containerPort) {
        return plan.ports().contains(containerPort) ? Optional.of(new ServiceEndpoint("127.0.0.1", 40000 + containerPort))
            : Optional.empty();
      }
    };
  }

  @Nested
  class Postgres {
    @Test
    void defaultsToUserPostgresAndTheDatabaseOfTheUser() {
      JdbcDetails db = (JdbcDetails) job(plan("postgres:15", "POSTGRES_PASSWORD", "example"));
      assertThat(db.jdbcUrl()).isEqualTo("jdbc:postgresql://postgres:5432/postgres");
      assertThat(db.username()).isEqualTo("postgres");
      assertThat(db.password()).isEqualTo("example");
      assertThat(db.database()).isEqualTo("postgres");
      assertThat(db.uri()).hasToString("postgresql://postgres:5432/postgres");
      assertThat(db.unknowns()).isEmpty();
    }

    @Test
    void readsTheDocumentedVariablesFromTheJobAndUsesTheAliasAsHost() {
      // the GitLab documentation's PostgreSQL example
      ServicePlan plan = plan(ServiceSpec.builder("postgres:16.10").alias("db").build(), Map.of(
          "POSTGRES_DB", "my_custom_db", "POSTGRES_USER", "postgres", "POSTGRES_PASSWORD", "example"));
      JdbcDetails db = (JdbcDetails) job(plan);
      assertThat(db.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/my_custom_db");
      assertThat(db.service()).isEqualTo("service \"db\" (postgres:16.10)");
    }

    @Test
    void theDatabaseDefaultsToTheUser() {
      JdbcDetails db = (JdbcDetails) job(plan("postgres:15", "POSTGRES_USER", "app", "POSTGRES_PASSWORD", "pw"));
      assertThat(db.database()).isEqualTo("app");
      assertThat(db.username()).isEqualTo("app");
    }

    @Test
    void trustNeedsNoPassword() {
      JdbcDetails db = (JdbcDetails) job(plan("postgis/postgis:16-3.4", "POSTGRES_HOST_AUTH_METHOD", "trust"));
      assertThat(db.unknowns()).isEmpty();
      assertThat(db.password()).isEmpty();
      assertThat(db.jdbcUrl()).isEqualTo("jdbc:postgresql://postgis__postgis:5432/postgres");
    }

    @Test
    void withoutPasswordTheDetailsSayTheImageRefusesToStart() {
      ConnectionDetails db = job(plan(ServiceSpec.builder("postgres:15").alias("db").build(), Map.of()));
      assertThat(db.unknowns()).extracting(Unknown::variable).containsExactly("POSTGRES_PASSWORD");
      assertThatThrownBy(db::requireComplete).isInstanceOf(IncompleteDetailsException.class).hasMessage(
          "The connection details of service \"db\" (postgres:15) are incomplete: the password: POSTGRES_PASSWORD"
              + " is not set, and the postgres image refuses to start without it; set POSTGRES_PASSWORD in the"
              + " service's or the job's variables (or POSTGRES_HOST_AUTH_METHOD=trust to allow connections without"
              + " a password)");
    }

    @Test
    void aPasswordFileIsNotReadable() {
      ConnectionDetails db = job(plan("postgres:15", "POSTGRES_PASSWORD_FILE", "/run/secrets/pg"));
      assertThat(db.unknowns()).extracting(Unknown::describe).containsExactly("the password: POSTGRES_PASSWORD_FILE"
          + " makes the image read it from a file inside the container; set POSTGRES_PASSWORD instead of"
          + " POSTGRES_PASSWORD_FILE");
    }

    @Test
    void pgportMovesThePort() {
      JdbcDetails db = (JdbcDetails) job(plan("postgres:15", "POSTGRES_PASSWORD", "pw", "PGPORT", "5433",
          "HEALTHCHECK_TCP_PORT", "5433"));
      assertThat(db.endpoint().port()).isEqualTo(5433);
      assertThat(db.unknowns()).isEmpty();
    }

    @Test
    void aHealthCheckPortThatIsNotTheServersMakesThePortUnknown() {
      ConnectionDetails db = job(plan("postgres:15", "POSTGRES_PASSWORD", "pw", "HEALTHCHECK_TCP_PORT", "5433"));
      assertThat(db.unknowns()).extracting(Unknown::describe).containsExactly("the port: HEALTHCHECK_TCP_PORT is 5433"
          + " but the server listens on 5432 (the image's default); set HEALTHCHECK_TCP_PORT to 5432 or remove it,"
          + " or make the server listen on 5433 with PGPORT");
    }

    @Test
    void fromTheJvmTheHostAndPortAreThePublishedOnes() {
      ServicePlan plan = plan(ServiceSpec.builder("postgres:15").alias("db").ports(5432)
          .variable("POSTGRES_PASSWORD", "pw").build(), Map.of());
      JdbcDetails db = ServiceDetails.forJvm(running(plan), JdbcDetails.class);
      assertThat(db.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:45432/postgres");
      assertThat(db.toString()).doesNotContain("pw\"").contains("password=[MASKED]");
    }

    @Test
    void fromTheJvmAnUnpublishedPortIsUnknown() {
      ServicePlan plan = plan(ServiceSpec.builder("postgres:15").alias("db").variable("POSTGRES_PASSWORD", "pw")
          .build(), Map.of());
      assertThatThrownBy(() -> ServiceDetails.forJvm(running(plan), JdbcDetails.class))
          .hasMessage("The connection details of service \"db\" (postgres:15) are incomplete: the port: container"
              + " port 5432 is not published for the JVM (published: []); add 5432 to the service's ports");
    }
  }

  @Nested
  class MySqlAndMariaDb {
    @Test
    void theRootPasswordAloneConnectsAsRootWithoutDatabase() {
      JdbcDetails db = (JdbcDetails) job(plan("mysql:8.4", "MYSQL_ROOT_PASSWORD", "my-secret-pw"));
      assertThat(db.jdbcUrl()).isEqualTo("jdbc:mysql://mysql:3306/");
      assertThat(db.username()).isEqualTo("root");
      assertThat(db.password()).isEqualTo("my-secret-pw");
      assertThat(db.database()).isEmpty();
    }

    @Test
    void aUserWithItsPasswordIsPreferredToRoot() {
      JdbcDetails db = (JdbcDetails) job(plan("mysql:8.4", "MYSQL_RANDOM_ROOT_PASSWORD", "yes", "MYSQL_DATABASE",
          "app", "MYSQL_USER", "appuser", "MYSQL_PASSWORD", "apppw"));
      assertThat(db.jdbcUrl()).isEqualTo("jdbc:mysql://mysql:3306/app");
      assertThat(db.username()).isEqualTo("appuser");
      assertThat(db.password()).isEqualTo("apppw");
      assertThat(db.unknowns()).isEmpty();
    }

    @Test
    void aUserWithoutPasswordIsNotCreatedSoRootIsUsed() {
      JdbcDetails db = (JdbcDetails) job(plan("mysql:8.4", "MYSQL_ALLOW_EMPTY_PASSWORD", "yes", "MYSQL_USER", "app"));
      assertThat(db.username()).isEqualTo("root");
      assertThat(db.password()).isEmpty();
      assertThat(db.unknowns()).isEmpty();
    }

    @Test
    void aRandomRootPasswordIsUnknown() {
      ConnectionDetails db = job(plan("mysql:8.4", "MYSQL_RANDOM_ROOT_PASSWORD", "yes"));
      assertThat(db.unknowns()).extracting(Unknown::describe).containsExactly("the password:"
          + " MYSQL_RANDOM_ROOT_PASSWORD makes the image generate root's password at start; set MYSQL_ROOT_PASSWORD,"
          + " or a user with MYSQL_USER and MYSQL_PASSWORD");
    }

    @Test
    void noRootOptionMeansTheImageRefusesToStart() {
      ConnectionDetails db = job(plan("mysql:8.4", "MYSQL_DATABASE", "app"));
      assertThat(db.unknowns()).extracting(Unknown::describe).containsExactly("the password: none of"
          + " MYSQL_ROOT_PASSWORD, MYSQL_ALLOW_EMPTY_PASSWORD and MYSQL_RANDOM_ROOT_PASSWORD is set, and the mysql"
          + " image refuses to start without one; set MYSQL_ROOT_PASSWORD in the service's or the job's variables"
          + " (or MYSQL_ALLOW_EMPTY_PASSWORD=yes for an empty one)");
    }

    @Test
    void rootAsUserIsRefusedByTheImage() {
      ConnectionDetails db = job(plan("mysql:8.4", "MYSQL_ROOT_PASSWORD", "pw", "MYSQL_USER", "root",
          "MYSQL_PASSWORD", "pw"));
      assertThat(db.unknowns()).extracting(Unknown::variable).containsExactly("MYSQL_USER");
    }

    @Test
    void mariadbPrefersItsOwnVariablesAndSaysMariadbInTheUrl() {
      JdbcDetails db = (JdbcDetails) job(plan("mariadb:11", "MARIADB_ROOT_PASSWORD", "new", "MYSQL_ROOT_PASSWORD",
          "old", "MARIADB_DATABASE", "app"));
      assertThat(db.jdbcUrl()).isEqualTo("jdbc:mariadb://mariadb:3306/app");
      assertThat(db.password()).isEqualTo("new");
    }

    @Test
    void mariadbReadsTheMysqlNamesToo() {
      JdbcDetails db = (JdbcDetails) job(plan("mariadb:11", "MYSQL_ALLOW_EMPTY_PASSWORD", "1", "MYSQL_DATABASE", "app",
          "MYSQL_USER", "u", "MYSQL_PASSWORD", "p"));
      assertThat(db.username()).isEqualTo("u");
      assertThat(db.database()).isEqualTo("app");
      assertThat(db.unknowns()).isEmpty();
    }

    @Test
    void mariadbAllowsAnEmptyRootPassword() {
      JdbcDetails db = (JdbcDetails) job(plan("mariadb:11", "MARIADB_ALLOW_EMPTY_ROOT_PASSWORD", "1"));
      assertThat(db.username()).isEqualTo("root");
      assertThat(db.unknowns()).isEmpty();
    }

    @Test
    void mariadbRootPasswordHashIsUnknown() {
      ConnectionDetails db = job(plan("mariadb:11", "MARIADB_ROOT_PASSWORD_HASH", "*ABC"));
      assertThat(db.unknowns()).extracting(Unknown::variable).containsExactly("MARIADB_ROOT_PASSWORD_HASH");
    }

    @Test
    void mariadbWithoutRootOptionNamesItsVariables() {
      ConnectionDetails db = job(plan("mariadb:11"));
      assertThat(db.unknowns()).extracting(Unknown::describe).containsExactly("the password: none of"
          + " MARIADB_ROOT_PASSWORD, MARIADB_ALLOW_EMPTY_ROOT_PASSWORD and MARIADB_RANDOM_ROOT_PASSWORD is set, and"
          + " the mariadb image refuses to start without one; set MARIADB_ROOT_PASSWORD in the service's or the"
          + " job's variables (or MARIADB_ALLOW_EMPTY_ROOT_PASSWORD=yes for an empty one)");
    }
  }

  @Nested
  class Redis {
    @Test
    void needsNoPasswordByDefault() {
      RedisDetails redis = (RedisDetails) job(plan("redis:7"));
      assertThat(redis.uri()).hasToString("redis://redis:6379");
      assertThat(redis.password()).isEmpty();
    }

    @Test
    void readsRequirepassAndPortFromTheCommand() {
      ServicePlan plan = plan(ServiceSpec.builder("valkey/valkey:8").alias("cache")
          .command("valkey-server", "--requirepass", "s3cr/t", "--port=6380").variable("HEALTHCHECK_TCP_PORT", "6380")
          .build(), Map.of());
      RedisDetails redis = (RedisDetails) job(plan);
      assertThat(redis.uri()).hasToString("redis://:s3cr%2Ft@cache:6380");
      assertThat(redis.unknowns()).isEmpty();
      assertThat(redis.toString()).doesNotContain("s3cr");
    }

    @Test
    void aHealthCheckOnAnotherPortIsAmbiguous() {
      ConnectionDetails redis = job(plan("redis:7", "HEALTHCHECK_TCP_PORT", "6380"));
      assertThat(redis.unknowns()).extracting(Unknown::describe).containsExactly("the port: HEALTHCHECK_TCP_PORT is"
          + " 6380 but the server listens on 6379 (the image's default); set HEALTHCHECK_TCP_PORT to 6379 or remove"
          + " it, or make the server listen on 6380 with --port in the service's command");
    }
  }

  @Nested
  class Mongo {
    @Test
    void withoutRootUserThereIsNoAuthentication() {
      MongoDetails mongo = (MongoDetails) job(plan("mongo:7"));
      assertThat(mongo.connectionString()).isEqualTo("mongodb://mongo:27017/test");
    }

    @Test
    void theRootUserAuthenticatesAgainstAdmin() {
      MongoDetails mongo = (MongoDetails) job(plan("mongo:7", "MONGO_INITDB_ROOT_USERNAME", "mongoadmin",
          "MONGO_INITDB_ROOT_PASSWORD", "secret", "MONGO_INITDB_DATABASE", "app"));
      assertThat(mongo.connectionString()).isEqualTo("mongodb://mongoadmin:secret@mongo:27017/app?authSource=admin");
      assertThat(mongo.unknowns()).isEmpty();
    }

    @Test
    void aUserWithoutPasswordIsRefusedByTheImage() {
      ConnectionDetails mongo = job(plan("mongo:7", "MONGO_INITDB_ROOT_USERNAME", "mongoadmin"));
      assertThat(mongo.unknowns()).extracting(Unknown::variable).containsExactly("MONGO_INITDB_ROOT_PASSWORD");
    }
  }

  @Nested
  class Rabbit {
    @Test
    void defaultsToGuest() {
      RabbitDetails rabbit = (RabbitDetails) job(plan("rabbitmq:3-management"));
      assertThat(rabbit.uri()).hasToString("amqp://guest:guest@rabbitmq:5672/%2F");
      assertThat(rabbit.virtualHost()).isEqualTo("/");
    }

    @Test
    void readsTheDefaultUserPasswordAndVirtualHost() {
      RabbitDetails rabbit = (RabbitDetails) job(plan("rabbitmq:4", "RABBITMQ_DEFAULT_USER", "user",
          "RABBITMQ_DEFAULT_PASS", "password", "RABBITMQ_DEFAULT_VHOST", "app"));
      assertThat(rabbit.uri()).hasToString("amqp://user:password@rabbitmq:5672/app");
    }
  }

  @Nested
  class Search {
    @Test
    void elasticsearch8WithPasswordAndHttpTlsOff() {
      ServicePlan plan = plan(ServiceSpec.builder("docker.elastic.co/elasticsearch/elasticsearch:8.15.3").alias("es")
          .command("-Ediscovery.type=single-node", "-Expack.security.http.ssl.enabled=false")
          .variable("ELASTIC_PASSWORD", "changeme").build(), Map.of());
      SearchDetails es = (SearchDetails) job(plan);
      assertThat(es.uri()).hasToString("http://es:9200");
      assertThat(es.username()).isEqualTo("elastic");
      assertThat(es.password()).isEqualTo("changeme");
      assertThat(es.unknowns()).isEmpty();
    }

    @Test
    void elasticsearch8ByDefaultHasAGeneratedPasswordAndCertificate() {
      SearchDetails es = (SearchDetails) job(plan("elasticsearch:8.15.3"));
      assertThat(es.scheme()).isEqualTo("https");
      assertThat(es.unknowns()).extracting(Unknown::variable).containsExactly("ELASTIC_PASSWORD",
          "xpack.security.http.ssl.enabled");
    }

    @Test
    void elasticsearchWithSecurityOffIsPlainHttp() {
      SearchDetails es = (SearchDetails) job(plan("elasticsearch:8.15.3", "ES_SETTING_XPACK_SECURITY_ENABLED", "false"));
      assertThat(es.uri()).hasToString("http://elasticsearch:9200");
      assertThat(es.username()).isEmpty();
      assertThat(es.unknowns()).isEmpty();
    }

    @Test
    void elasticsearch7HasNoSecurity() {
      SearchDetails es = (SearchDetails) job(plan("elasticsearch:7.17.24"));
      assertThat(es.uri()).hasToString("http://elasticsearch:9200");
      assertThat(es.unknowns()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"2.11.1, admin, ''", "2.12.0, Str0ng!Pass-phrase, OPENSEARCH_INITIAL_ADMIN_PASSWORD"})
    void openSearchAdminPasswordDependsOnTheVersion(String tag, String password, String givenAs) {
      ServicePlan plan = givenAs.isEmpty() ? plan("opensearchproject/opensearch:" + tag)
          : plan("opensearchproject/opensearch:" + tag, givenAs, password);
      SearchDetails os = (SearchDetails) job(plan);
      assertThat(os.username()).isEqualTo("admin");
      assertThat(os.password()).isEqualTo(password);
      assertThat(os.scheme()).isEqualTo("https");
      assertThat(os.unknowns()).extracting(Unknown::variable).containsExactly("DISABLE_SECURITY_PLUGIN");
    }

    @Test
    void openSearch212WithoutPasswordRefusesToStart() {
      ConnectionDetails os = job(plan("opensearchproject/opensearch:2.19.1"));
      assertThat(os.unknowns()).extracting(Unknown::variable).containsExactly("OPENSEARCH_INITIAL_ADMIN_PASSWORD",
          "DISABLE_SECURITY_PLUGIN");
    }

    @Test
    void openSearchWithoutSecurityPluginIsPlainHttp() {
      SearchDetails os = (SearchDetails) job(plan("opensearchproject/opensearch:2.19.1", "DISABLE_SECURITY_PLUGIN",
          "true"));
      assertThat(os.uri()).hasToString("http://opensearchproject__opensearch:9200");
      assertThat(os.unknowns()).isEmpty();
    }
  }

  @Nested
  class ChoosingTheFactory {
    @ParameterizedTest
    @CsvSource({
        "postgres:15, postgres",
        "docker.io/library/postgres:15, postgres",
        "index.docker.io/postgis/postgis:16-3.4, postgis/postgis",
        "gitlab.example.com:443/group/dependency_proxy/containers/postgres:15, postgres",
        "registry.example.com/postgres:15, registry.example.com/postgres",
        "docker.elastic.co/elasticsearch/elasticsearch:8.15.3, docker.elastic.co/elasticsearch/elasticsearch"})
    void matchesImagesByTheirDockerHubName(String image, String name) {
      assertThat(ServiceDetails.imageName(ImageRef.parse(image))).isEqualTo(name);
    }

    @Test
    void unknownImagesHaveNoDetails() {
      assertThat(ServiceDetails.forJob(plan("ci-services/http-api:latest"))).isEmpty();
      assertThat(ServiceDetails.forJob(plan("registry.example.com/postgres:15"))).isEmpty();
    }

    @Test
    void askingForDetailsOfAnUnknownImageNamesTheKnownOnes() {
      ServicePlan plan = plan(ServiceSpec.builder("ci-services/http-api:latest").alias("api").ports(8080).build(),
          Map.of());
      assertThatThrownBy(() -> ServiceDetails.forJvm(running(plan), JdbcDetails.class))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("service \"api\" (ci-services/http-api:latest) has no connection details: no"
              + " ConnectionDetailsFactory reads image \"ci-services/http-api\" (known: docker.elastic.co/elasticsearch/"
              + "elasticsearch, elasticsearch, example/kv, mariadb, mongo, mysql, opensearchproject/opensearch, postgis/"
              + "postgis, postgres, rabbitmq, redis, valkey/valkey)");
    }

    @Test
    void askingForTheWrongTypeSaysWhichTypeTheServiceHas() {
      ServicePlan plan = plan(ServiceSpec.builder("redis:7").alias("cache").ports(6379).build(), Map.of());
      assertThatThrownBy(() -> ServiceDetails.forJvm(running(plan), JdbcDetails.class))
          .hasMessage("service \"cache\" (redis:7) has RedisDetails, not JdbcDetails");
    }

    @Test
    void anApplicationFactoryIsFoundByServiceLoaderAndComesBeforeTheBuiltInOnes() {
      // registered in src/test/resources/META-INF/services
      assertThat(ServiceDetails.forJob(plan("example/kv:1")).orElseThrow())
          .isInstanceOf(ExampleKvDetailsFactory.KvDetails.class);
      assertThat(ServiceDetails.forJob(plan("redis:7", "EXAMPLE_OVERRIDE", "yes")).orElseThrow().uri())
          .hasToString("redis://overridden:6379");
    }
  }
}
