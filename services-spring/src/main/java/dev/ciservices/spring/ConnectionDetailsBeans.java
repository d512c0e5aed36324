package dev.ciservices.spring;

import dev.ciservices.RunningService;
import dev.ciservices.RunningServices;
import dev.ciservices.details.ConnectionDetails;
import dev.ciservices.details.IncompleteDetailsException;
import dev.ciservices.details.JdbcDetails;
import dev.ciservices.details.MongoDetails;
import dev.ciservices.details.RabbitDetails;
import dev.ciservices.details.RedisDetails;
import dev.ciservices.details.SearchDetails;
import dev.ciservices.details.ServiceDetails;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.amqp.RabbitConnectionDetails;
import org.springframework.boot.autoconfigure.data.redis.RedisConnectionDetails;
import org.springframework.boot.autoconfigure.elasticsearch.ElasticsearchConnectionDetails;
import org.springframework.boot.autoconfigure.jdbc.JdbcConnectionDetails;
import org.springframework.boot.autoconfigure.mongo.MongoConnectionDetails;
import org.springframework.util.ClassUtils;

/**
 * Registers, for each running service whose image has connection details, the details themselves
 * (bean {@code ciServices.<alias>.details}) and Spring Boot's {@code ConnectionDetails} for them (bean
 * {@code ciServices.<alias>.<type>}, e.g. {@code ciServices.db.JdbcConnectionDetails}).
 */
final class ConnectionDetailsBeans {
  private static final boolean MONGO_DRIVER = ClassUtils.isPresent("com.mongodb.ConnectionString",
      ConnectionDetailsBeans.class.getClassLoader());

  private ConnectionDetailsBeans() {}

  static void register(ConfigurableListableBeanFactory beans, RunningServices running, String where) {
    for (RunningService service : running.services()) {
      Optional<ConnectionDetails> found = ServiceDetails.forJvm(service);
      if (found.isEmpty()) {
        continue;
      }
      ConnectionDetails details = found.get();
      try {
        details.requireComplete();
      } catch (IncompleteDetailsException e) {
        throw SpringServices.incomplete(where, List.of(e));
      }
      String prefix = "ciServices." + name(service) + ".";
      beans.registerSingleton(prefix + "details", details);
      Object spring = spring(details, service);
      if (spring != null) {
        beans.registerSingleton(prefix + spring.getClass().getInterfaces()[0].getSimpleName(), spring);
      }
    }
  }

  /** Spring Boot's connection details for ours, or null when Spring Boot has none for the kind. */
  private static @Nullable Object spring(ConnectionDetails details, RunningService service) {
    if (details instanceof JdbcDetails d) {
      return new Jdbc(d);
    }
    if (details instanceof RedisDetails d) {
      return new Redis(d);
    }
    if (details instanceof MongoDetails d) {
      return MONGO_DRIVER ? new Mongo(d) : null;
    }
    if (details instanceof RabbitDetails d) {
      return new Rabbit(d);
    }
    if (details instanceof SearchDetails d && ServiceDetails.imageName(service.plan().image()).contains("elasticsearch")) {
      return new Elasticsearch(d);
    }
    return null;
  }

  /** The alias the user gave, else the first hostname. */
  private static String name(RunningService service) {
    return service.plan().userAliases().stream().filter(service.hostnames()::contains).findFirst()
        .orElse(service.hostnames().isEmpty() ? service.plan().containerName() : service.hostnames().get(0));
  }

  private static @Nullable String orNull(String value) {
    return value.isEmpty() ? null : value;
  }

  private record Jdbc(JdbcDetails d) implements JdbcConnectionDetails {
    @Override
    public String getUsername() {
      return d.username();
    }

    @Override
    public String getPassword() {
      return d.password();
    }

    @Override
    public String getJdbcUrl() {
      return d.jdbcUrl();
    }

    @Override
    public String toString() {
      return d.toString();
    }
  }

  private record Redis(RedisDetails d) implements RedisConnectionDetails {
    @Override
    public @Nullable String getUsername() {
      return orNull(d.username());
    }

    @Override
    public @Nullable String getPassword() {
      return orNull(d.password());
    }

    @Override
    public Standalone getStandalone() {
      return Standalone.of(d.endpoint().host(), d.endpoint().port(), d.database());
    }

    @Override
    public String toString() {
      return d.toString();
    }
  }

  private record Mongo(MongoDetails d) implements MongoConnectionDetails {
    @Override
    public com.mongodb.ConnectionString getConnectionString() {
      return new com.mongodb.ConnectionString(d.connectionString());
    }

    @Override
    public String toString() {
      return d.toString();
    }
  }

  private record Rabbit(RabbitDetails d) implements RabbitConnectionDetails {
    @Override
    public String getUsername() {
      return d.username();
    }

    @Override
    public String getPassword() {
      return d.password();
    }

    @Override
    public String getVirtualHost() {
      return d.virtualHost();
    }

    @Override
    public List<Address> getAddresses() {
      return List.of(new Address(d.endpoint().host(), d.endpoint().port()));
    }

    @Override
    public String toString() {
      return d.toString();
    }
  }

  private record Elasticsearch(SearchDetails d) implements ElasticsearchConnectionDetails {
    @Override
    public List<Node> getNodes() {
      return List.of(new Node(d.endpoint().host(), d.endpoint().port(),
          d.scheme().equals("https") ? Node.Protocol.HTTPS : Node.Protocol.HTTP, orNull(d.username()),
          orNull(d.password())));
    }

    @Override
    public @Nullable String getUsername() {
      return orNull(d.username());
    }

    @Override
    public @Nullable String getPassword() {
      return orNull(d.password());
    }

    @Override
    public String toString() {
      return d.toString();
    }
  }
}
