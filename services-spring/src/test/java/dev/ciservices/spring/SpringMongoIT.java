package dev.ciservices.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciservices.junit.Service;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.mongo.MongoConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Spring Data MongoDB with no spring.data.mongodb.* properties: the MongoTemplate reaches the server
 * and the database MONGO_INITDB_DATABASE names through the MongoConnectionDetails bean services-spring
 * registers. The server is a PROTOCOL STAND-IN, not MongoDB (ci-services/mongo-wire-standin is
 * mongo-java-server; {@link MongoWireStandinDetailsFactory} gives it the mongo image's details).
 */
// the context closes after the class, and its services go with it, rather than at JVM exit
@DirtiesContext
@SpringBootTest(classes = SpringMongoIT.MongoApp.class)
@Service(name = "ci-services/mongo-wire-standin:1.47.0", alias = "mongo", variables = "MONGO_INITDB_DATABASE=shop")
class SpringMongoIT {
  @Autowired
  MongoTemplate mongo;
  @Autowired
  MongoConnectionDetails details;

  @Test
  void mongoTemplateWritesAndReadsInTheDetailsDatabase() {
    assertThat(details.getConnectionString().getDatabase()).isEqualTo("shop");
    assertThat(mongo.getDb().getName()).isEqualTo("shop");
    mongo.insert(new Document("_id", "b1").append("title", "Dune"), "books");
    Document found = mongo.getCollection("books").find(new Document("_id", "b1")).first();
    assertThat(found).isEqualTo(new Document("_id", "b1").append("title", "Dune"));
  }

  /** Auto-configuration without a DataSource: this test has no database. */
  @Configuration(proxyBeanMethods = false)
  @EnableAutoConfiguration(exclude = DataSourceAutoConfiguration.class)
  static class MongoApp {}
}
