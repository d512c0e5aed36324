package dev.ciservices.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciservices.details.SearchDetails;
import java.nio.charset.StandardCharsets;
import org.apache.http.HttpHost;
import org.apache.http.util.EntityUtils;
import org.junit.jupiter.api.Test;
import org.opensearch.client.Request;
import org.opensearch.client.Response;
import org.opensearch.client.RestClient;

/**
 * OpenSearch's details, injected from the image's environment, used by OpenSearch's REST client
 * against the real OpenSearch 2.19.6 server (the local {@code opensearchproject/opensearch:2} image,
 * which scripts/images assembles from Maven Central's jars): with {@code DISABLE_SECURITY_PLUGIN=true}
 * plain HTTP without a user, the details' URI reaches the node, a document indexed there is found by
 * a search. {@code HEALTHCHECK_TCP_PORT=9200}: the image exposes the transport's 9300 too, which
 * listens before HTTP does.
 */
@Service(name = "opensearchproject/opensearch:2", alias = "search", ports = 9200,
    variables = {"DISABLE_SECURITY_PLUGIN=true", "HEALTHCHECK_TCP_PORT=9200"})
class OpenSearchDetailsIT {
  @ServiceAlias("search")
  static SearchDetails search;

  @Test
  void theUriReachesTheNodeWhichIndexesAndFindsADocument() throws Exception {
    assertThat(search.uri().toString()).matches("http://127\\.0\\.0\\.1:\\d+");
    assertThat(search.username()).isEmpty();
    assertThat(search.password()).isEmpty();
    try (RestClient client = RestClient.builder(HttpHost.create(search.uri().toString())).build()) {
      String root = body(client.performRequest(new Request("GET", "/")));
      assertThat(root).contains("\"distribution\" : \"opensearch\"").contains("\"number\" : \"2.19.6\"");

      Request index = new Request("PUT", "/books/_doc/1");
      index.addParameter("refresh", "true");
      index.setJsonEntity("{\"title\":\"Connection details for CI services\",\"year\":2026}");
      Response indexed = client.performRequest(index);
      assertThat(indexed.getStatusLine().getStatusCode()).isEqualTo(201);

      Request query = new Request("POST", "/books/_search");
      query.setJsonEntity("{\"query\":{\"match\":{\"title\":\"details\"}}}");
      String found = body(client.performRequest(query));
      assertThat(found).contains("\"total\":{\"value\":1,\"relation\":\"eq\"}")
          .contains("\"_id\":\"1\"").contains("\"year\":2026");
    }
  }

  private static String body(Response response) throws Exception {
    return EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8);
  }
}
