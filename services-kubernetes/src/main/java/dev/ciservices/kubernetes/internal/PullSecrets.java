package dev.ciservices.kubernetes.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ciservices.JobPlan;
import dev.ciservices.ServiceStartException;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The pull secret the runner makes for a pod: type {@code kubernetes.io/dockercfg}, one key {@code
 * .dockercfg} holding a JSON object from registry to auth entry (no {@code auths} wrapper), named
 * like the pod. Its credentials come from the job's {@code DOCKER_AUTH_CONFIG}, the runner's first
 * source.
 */
final class PullSecrets {
  static final String TYPE = "kubernetes.io/dockercfg";
  static final String KEY = ".dockercfg";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The secret for this pod, when the job has registry credentials. */
  Optional<Secret> secret(JobPlan plan, String podName, String namespace, Map<String, String> labels) {
    Map<String, ObjectNode> auths = credentials(plan);
    if (auths.isEmpty()) {
      return Optional.empty();
    }
    ObjectNode cfg = JSON.createObjectNode();
    auths.forEach(cfg::set);
    String json = cfg.toString();
    return Optional.of(new SecretBuilder().withNewMetadata().withName(podName).withNamespace(namespace)
        .withLabels(labels).endMetadata().withType(TYPE)
        .addToData(KEY, Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8))).build());
  }

  /** Registry to {@code {username, password, email, auth}}, from {@code DOCKER_AUTH_CONFIG}'s {@code auths}. */
  static Map<String, ObjectNode> credentials(JobPlan plan) {
    Map<String, ObjectNode> result = new LinkedHashMap<>();
    Optional<String> config = PlanValues.variable(plan, "DOCKER_AUTH_CONFIG");
    if (config.isEmpty() || config.get().isBlank()) {
      return result;
    }
    JsonNode root;
    try {
      root = JSON.readTree(config.get());
    } catch (Exception e) {
      throw new ServiceStartException("DOCKER_AUTH_CONFIG is not JSON; give {\"auths\": {\"<registry>\": {\"auth\":"
          + " \"<base64 user:password>\"}}}");
    }
    JsonNode auths = root.path("auths");
    for (Iterator<Map.Entry<String, JsonNode>> it = auths.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String user = e.getValue().path("username").asText("");
      String password = e.getValue().path("password").asText("");
      String auth = e.getValue().path("auth").asText("");
      if (!auth.isEmpty() && user.isEmpty()) {
        String decoded = new String(Base64.getDecoder().decode(auth), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        if (colon > 0) {
          user = decoded.substring(0, colon);
          password = decoded.substring(colon + 1);
        }
      }
      if (user.isEmpty()) {
        continue;
      }
      ObjectNode entry = JSON.createObjectNode();
      entry.put("username", user);
      entry.put("password", password);
      entry.put("email", "");
      entry.put("auth", Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
      result.put(e.getKey(), entry);
    }
    return result;
  }
}
