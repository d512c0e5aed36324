package dev.ciservices.kubernetes.internal;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/**
 * The fabric8 clients this backend builds. fabric8 adds its HTTP logging interceptor when {@code
 * io.fabric8.kubernetes.client.http.HttpLoggingInterceptor} logs at TRACE as the client is built;
 * it logs every request's headers ({@code Authorization: Bearer ...}) and body (the pod's
 * environment, the pull secret's {@code .dockercfg}) in clear, so it is taken out: nothing this
 * backend sends reaches a logger.
 */
public final class Clients {
  /** The name fabric8's {@code StandardHttpClientBuilder} registers its logging interceptor under. */
  static final String HTTP_LOGGING = "HttpLogging";

  private Clients() {}

  /** A client for this configuration whose HTTP traffic is never logged. */
  public static KubernetesClient build(Config config) {
    return new KubernetesClientBuilder().withConfig(config)
        .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor(HTTP_LOGGING, null)).build();
  }
}
