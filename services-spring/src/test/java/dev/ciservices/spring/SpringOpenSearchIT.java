package dev.ciservices.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciservices.details.SearchDetails;
import dev.ciservices.junit.Service;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.elasticsearch.ElasticsearchConnectionDetails;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.annotation.DirtiesContext;

/**
 * OpenSearch in a Spring Boot test, against the real OpenSearch 2.19.6 server: services-spring
 * registers the service's SearchDetails (bean ciServices.search.details), whose URI reaches the node
 * (a document indexed is found by a search), and no ElasticsearchConnectionDetails, since Spring Boot
 * has none for OpenSearch (Elasticsearch images get it).
 */
// the context closes after the class, and its services go with it, rather than at JVM exit
@DirtiesContext
@SpringBootTest(classes = SpringOpenSearchIT.SearchApp.class)
@Service(name = "opensearchproject/opensearch:2", alias = "search",
    variables = {"DISABLE_SECURITY_PLUGIN=true", "HEALTHCHECK_TCP_PORT=9200"})
class SpringOpenSearchIT {
  @Autowired
  @Qualifier("ciServices.search.details")
  SearchDetails search;
  @Autowired
  ApplicationContext context;

  @Test
  void theSearchDetailsBeanReachesTheNodeAndSpringBootGetsNoElasticsearchDetails() throws Exception {
    assertThat(context.getBeanNamesForType(ElasticsearchConnectionDetails.class)).isEmpty();
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> indexed = http.send(HttpRequest.newBuilder(search.uri().resolve("/books/_doc/1?refresh=true"))
        .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{\"title\":\"Dune\"}"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(indexed.statusCode()).isEqualTo(201);
    String found = http.send(HttpRequest.newBuilder(search.uri().resolve("/books/_search?q=title:dune")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    assertThat(found).contains("\"total\":{\"value\":1,\"relation\":\"eq\"}").contains("\"_id\":\"1\"");
  }

  /** Auto-configuration without a DataSource: this test has no database. */
  @Configuration(proxyBeanMethods = false)
  @EnableAutoConfiguration(exclude = DataSourceAutoConfiguration.class)
  static class SearchApp {}
}
