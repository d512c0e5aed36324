package dev.ciservices.junit;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import dev.ciservices.details.MongoDetails;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * MongoDB's details, injected from the image's environment, used by the MongoDB Java driver
 * (mongodb-driver-sync). The server is a PROTOCOL STAND-IN, not MongoDB: {@code
 * ci-services/mongo-wire-standin:1.47.0} is mongo-java-server, in memory, since no mongo image can
 * be had here; {@link MongoWireStandinDetailsFactory} gives it the mongo image's details. Against a
 * real server, {@code name = "mongo:7"} instead (and drop the factory): the same test applies. Without
 * credentials (the stand-in has no authentication): {@code MONGO_INITDB_DATABASE} names the
 * database, {@code --port} in the command moves the server.
 */
@Service(name = "ci-services/mongo-wire-standin:1.47.0", alias = "mongo", ports = 27017)
@Service(name = "ci-services/mongo-wire-standin:1.47.0", alias = "shopdb", ports = 27018,
    command = {"mongod", "--port", "27018"}, variables = "MONGO_INITDB_DATABASE=shop")
class MongoDetailsIT {
  @ServiceAlias("mongo")
  static MongoDetails mongo;
  @ServiceAlias("shopdb")
  static MongoDetails shop;

  @Test
  void theDefaultsAreTheTestDatabaseWithoutAUser() {
    assertThat(mongo.username()).isEmpty();
    assertThat(mongo.database()).isEqualTo("test");
    assertThat(mongo.connectionString()).matches("mongodb://127\\.0\\.0\\.1:\\d+/test");
    assertThat(roundTrip(mongo, "orders")).isEqualTo(new Document("_id", 1).append("item", "orders-1"));
  }

  @Test
  void theDatabaseVariableAndThePortOptionAreRead() {
    assertThat(shop.database()).isEqualTo("shop");
    assertThat(shop.connectionString()).matches("mongodb://127\\.0\\.0\\.1:\\d+/shop");
    assertThat(roundTrip(shop, "invoices")).isEqualTo(new Document("_id", 1).append("item", "invoices-1"));
  }

  /** Inserts a document into the details' database through the connection string, finds it back. */
  private static Document roundTrip(MongoDetails details, String collection) {
    try (MongoClient client = MongoClients.create(details.connectionString())) {
      MongoCollection<Document> c = client.getDatabase(details.database()).getCollection(collection);
      c.insertOne(new Document("_id", 1).append("item", collection + "-1"));
      assertThat(client.getDatabase(details.database()).listCollectionNames()).contains(collection);
      return c.find(new Document("item", collection + "-1")).first();
    }
  }
}
