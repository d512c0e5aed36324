package dev.ciservices.kubernetes.internal;

import dev.ciservices.kubernetes.KubernetesConfig;
import dev.ciservices.kubernetes.ServiceAccess;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;

/**
 * What every start of a plan works with: the client, the namespace, the runner's Kubernetes
 * configuration, how services are reached, and the labels of this backend instance.
 */
record PodSession(KubernetesClient client, String namespace, KubernetesConfig config, ServiceAccess access,
    Map<String, String> ownerLabels) {}
