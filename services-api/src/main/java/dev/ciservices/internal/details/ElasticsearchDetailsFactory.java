package dev.ciservices.internal.details;

import dev.ciservices.ServiceEndpoint;
import dev.ciservices.details.ConnectionDetails;
import dev.ciservices.details.SearchDetails;
import dev.ciservices.details.Unknown;
import dev.ciservices.spi.ConnectionDetailsFactory;
import dev.ciservices.spi.DetailsSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Elasticsearch's images. From 8.0 security is on: the user {@code elastic} with {@code
 * ELASTIC_PASSWORD} (without it the image generates one), and, unless {@code xpack.security.enabled}
 * is set explicitly, the first start also turns TLS on for HTTP with a certificate it generates.
 * Before 8.0 security is off. Settings are read from {@code -E} options of the command and {@code
 * ES_SETTING_*} variables.
 */
public final class ElasticsearchDetailsFactory implements ConnectionDetailsFactory {
  private static final String TLS_OFF = "-Expack.security.http.ssl.enabled=false in the service's command (or"
      + " ES_SETTING_XPACK_SECURITY_HTTP_SSL_ENABLED=false)";

  @Override
  public Set<String> imageNames() {
    return Set.of("elasticsearch", "docker.elastic.co/elasticsearch/elasticsearch");
  }

  @Override
  public ConnectionDetails create(DetailsSource source) {
    List<Unknown> unknowns = new ArrayList<>();
    Optional<int[]> version = SearchSettings.version(source.image().version());
    Optional<Boolean> securitySetting = SearchSettings.flag(source, "xpack.security.enabled", true);
    Optional<Boolean> httpTls = SearchSettings.flag(source, "xpack.security.http.ssl.enabled", true);
    boolean security;
    if (securitySetting.isPresent()) {
      security = securitySetting.get();
    } else if (version.isPresent()) {
      security = version.get()[0] >= 8;
    } else {
      security = true;
      unknowns.add(new Unknown("whether security is on", "the image tag", "tag \"" + source.image().version()
          + "\" does not say the version, and security is on from 8.0", "use a versioned tag such as "
          + source.image().service() + ":8.15.3, or set -Expack.security.enabled=false in the service's command"));
    }
    boolean autoConfiguredTls = security && securitySetting.isEmpty() && version.map(v -> v[0] >= 8).orElse(true);
    boolean https = httpTls.orElse(autoConfiguredTls);
    String user = "";
    String password = "";
    if (security) {
      user = "elastic";
      if (source.nonEmpty("ELASTIC_PASSWORD_FILE").isPresent()) {
        unknowns.add(source.inFile("the password", "ELASTIC_PASSWORD_FILE", "ELASTIC_PASSWORD"));
      } else if (source.nonEmpty("ELASTIC_PASSWORD").isPresent()) {
        password = source.nonEmpty("ELASTIC_PASSWORD").get();
      } else {
        unknowns.add(new Unknown("the password", "ELASTIC_PASSWORD", "ELASTIC_PASSWORD is not set, and the image"
            + " generates a random password for elastic", "set ELASTIC_PASSWORD in the service's or the job's"
            + " variables, or turn security off with -Expack.security.enabled=false in the service's command"));
      }
    }
    if (https) {
      unknowns.add(new Unknown("the TLS certificate", "xpack.security.http.ssl.enabled", "HTTP uses TLS with a"
          + " certificate the container generates on its first start", "turn TLS off for HTTP with " + TLS_OFF));
    }
    int port = source.serverPort(9200, Ports.parse(SearchSettings.value(source, "http.port")),
        "-Ehttp.port in the service's command", unknowns);
    ServiceEndpoint endpoint = source.endpoint(port, unknowns);
    return new SearchDetails(source.service(), endpoint, https ? "https" : "http", user, password, unknowns);
  }
}
