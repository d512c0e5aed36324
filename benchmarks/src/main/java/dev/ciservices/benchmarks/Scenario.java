package dev.ciservices.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A set of services started together, the same for every contestant.
 *
 * @param name what the table calls it
 * @param services the services, each with a distinct alias
 */
record Scenario(String name, List<Service> services) {

  /** The environment every container gets (only PostgreSQL reads it). */
  static final Map<String, String> ENVIRONMENT = Map.of("POSTGRES_PASSWORD", "secret");

  static final String POSTGRES = "postgres:15";
  static final String REDIS = "redis:7";
  static final String HTTP_API = "ci-services/http-api:latest";

  /**
   * One service.
   *
   * @param image the local image
   * @param alias its hostname in the network
   * @param port the port the image exposes, the one readiness waits for
   */
  record Service(String image, String alias, int port) {}

  static Scenario one() {
    return new Scenario("1 service", List.of(new Service(REDIS, "redis", 6379)));
  }

  static Scenario three() {
    return new Scenario("3 services", List.of(new Service(POSTGRES, "db", 5432), new Service(REDIS, "redis", 6379),
        new Service(HTTP_API, "api", 8080)));
  }

  static Scenario ten() {
    List<Service> services = new ArrayList<>();
    for (int i = 1; i <= 2; i++) {
      services.add(new Service(POSTGRES, "db-" + i, 5432));
    }
    for (int i = 1; i <= 3; i++) {
      services.add(new Service(REDIS, "redis-" + i, 6379));
    }
    for (int i = 1; i <= 5; i++) {
      services.add(new Service(HTTP_API, "api-" + i, 8080));
    }
    return new Scenario("10 services", List.copyOf(services));
  }
}
