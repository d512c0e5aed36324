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
 * OpenSearch's image: its security plugin is on unless {@code DISABLE_SECURITY_PLUGIN=true} (or
 * {@code -Eplugins.security.disabled=true}); with it HTTP uses TLS with the demo configuration's
 * self-signed certificate and the user {@code admin}, whose password is {@code admin} before 2.12 and
 * {@code OPENSEARCH_INITIAL_ADMIN_PASSWORD} from 2.12 (the image refuses to start without it).
 */
public final class OpenSearchDetailsFactory implements ConnectionDetailsFactory {
  private static final String PASSWORD = "OPENSEARCH_INITIAL_ADMIN_PASSWORD";

  @Override
  public Set<String> imageNames() {
    return Set.of("opensearchproject/opensearch");
  }

  @Override
  public ConnectionDetails create(DetailsSource source) {
    List<Unknown> unknowns = new ArrayList<>();
    boolean disabled = source.variable("DISABLE_SECURITY_PLUGIN").filter("true"::equals).isPresent()
        || SearchSettings.flag(source, "plugins.security.disabled", false).orElse(false);
    String user = "";
    String password = "";
    if (!disabled) {
      user = "admin";
      Optional<int[]> version = SearchSettings.version(source.image().version());
      boolean before212 = version.map(v -> v[0] < 2 || v[0] == 2 && v[1] < 12).orElse(false);
      if (before212) {
        password = "admin";
      } else if (source.nonEmpty(PASSWORD).isPresent()) {
        password = source.nonEmpty(PASSWORD).get();
      } else {
        unknowns.add(new Unknown("the password", PASSWORD, PASSWORD + " is not set, and OpenSearch 2.12 and later"
            + " refuse to start without it", "set " + PASSWORD + " (a strong password) in the service's or the"
            + " job's variables, or DISABLE_SECURITY_PLUGIN=true"));
      }
      unknowns.add(new Unknown("the TLS certificate", "DISABLE_SECURITY_PLUGIN", "HTTP uses TLS with the security"
          + " plugin's self-signed demo certificate", "set DISABLE_SECURITY_PLUGIN=true for plain HTTP"));
    }
    int port = source.serverPort(9200, Ports.parse(SearchSettings.value(source, "http.port")),
        "-Ehttp.port in the service's command", unknowns);
    ServiceEndpoint endpoint = source.endpoint(port, unknowns);
    return new SearchDetails(source.service(), endpoint, disabled ? "http" : "https", user, password, unknowns);
  }
}
