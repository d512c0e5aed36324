package dev.ciservices.kubernetes.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ciservices.JobPlan;
import dev.ciservices.RegistryCredential;
import dev.ciservices.registry.CredentialHelpers;
import dev.ciservices.registry.RegistryAuth;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The pull secret the runner makes for a pod (registry-auth.md section 5): type {@code
 * kubernetes.io/dockercfg}, one key {@code .dockercfg} holding the legacy map from each entry's
 * original server address to {@code {username, password, serveraddress, identitytoken,
 * registrytoken}} (empty fields left out, no {@code auths} wrapper), named like the pod. Its
 * entries are every credential of the plan's sources merged as the runner merges them ({@code
 * RegistryAuth.resolveAll}: {@code DOCKER_AUTH_CONFIG}, the docker config file, the job payload,
 * helpers run once); kubelet matches them to images.
 */
final class PullSecrets {
  static final String TYPE = "kubernetes.io/dockercfg";
  static final String KEY = ".dockercfg";
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The secret for this pod, when the job has registry credentials. A source that cannot be read
   * is a warning in the trace; what it gave is masked from then on.
   *
   * @throws dev.ciservices.ImagePullException {@code path traversal is not allowed: ...}
   */
  Optional<Secret> secret(JobPlan plan, String podName, String namespace, Map<String, String> labels, Trace trace) {
    return secret(plan, podName, namespace, labels, trace, RegistryAuth.helpers(plan.registryCredentials()));
  }

  /** {@link #secret(JobPlan, String, String, Map, Trace)} with these helpers. */
  Optional<Secret> secret(JobPlan plan, String podName, String namespace, Map<String, String> labels, Trace trace,
      CredentialHelpers helpers) {
    RegistryAuth.Resolution all = RegistryAuth.resolveAll(plan.registryCredentials(), helpers);
    // MASKING OF REGISTRY CREDENTIALS, backend side: what the config file and the helpers gave
    trace.addSecrets(all.secrets());
    RegistryAuth.printHelperStderr(all.helperStderr(), trace::mask);
    all.warnings().forEach(trace::warning);
    Map<String, ObjectNode> auths = entries(all);
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

  /** The entries of a secret for the plan's credentials, helpers from {@code PATH}; for the tests. */
  static Map<String, ObjectNode> credentials(JobPlan plan, CredentialHelpers helpers) {
    return entries(RegistryAuth.resolveAll(plan.registryCredentials(), helpers));
  }

  /**
   * Server address to entry. An entry a helper found nothing for has an empty address and no
   * fields, and is written as the runner writes it: {@code "":{}} (registry-auth.md 2.5, 7.6).
   */
  private static Map<String, ObjectNode> entries(RegistryAuth.Resolution all) {
    Map<String, ObjectNode> result = new LinkedHashMap<>();
    for (RegistryCredential c : all.credentials()) {
      ObjectNode entry = JSON.createObjectNode();
      put(entry, "username", c.username());
      put(entry, "password", c.password());
      put(entry, "serveraddress", c.serverAddress());
      put(entry, "identitytoken", c.identityToken());
      put(entry, "registrytoken", c.registryToken());
      result.putIfAbsent(c.serverAddress(), entry);
    }
    return result;
  }

  private static void put(ObjectNode entry, String field, String value) {
    if (!value.isEmpty()) {
      entry.put(field, value);
    }
  }
}
