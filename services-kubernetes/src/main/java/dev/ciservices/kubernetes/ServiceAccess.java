package dev.ciservices.kubernetes;

/** How the calling JVM reaches a service port in the job pod (what {@code RunningService.endpoint} returns). */
public enum ServiceAccess {
  /** {@link #POD_IP} when this JVM runs inside the cluster ({@code KUBERNETES_SERVICE_HOST} is set), else {@link #PORT_FORWARD}. */
  AUTO,
  /** The pod's own address: exact, but routable only from inside the cluster. */
  POD_IP,
  /** A port-forward through the API server to a local port on 127.0.0.1, as {@code kubectl port-forward} does. */
  PORT_FORWARD
}
