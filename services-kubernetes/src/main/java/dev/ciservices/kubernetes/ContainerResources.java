package dev.ciservices.kubernetes;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Requests and limits of one kind of container, as the runner's {@code cpu_*}, {@code memory_*} and
 * {@code ephemeral_storage_*} keys (or their {@code helper_} and {@code service_} forms) give them:
 * Kubernetes quantities such as {@code 500m} or {@code 1Gi}; {@code null} leaves one unset.
 */
public record ContainerResources(@Nullable String cpuRequest, @Nullable String cpuLimit,
    @Nullable String memoryRequest, @Nullable String memoryLimit, @Nullable String ephemeralStorageRequest,
    @Nullable String ephemeralStorageLimit) {

  private static final ContainerResources NONE = new ContainerResources(null, null, null, null, null, null);

  /** Nothing requested, nothing limited. */
  public static ContainerResources none() {
    return NONE;
  }

  /** The requests by resource name ({@code cpu}, {@code memory}, {@code ephemeral-storage}), set ones only. */
  public Map<String, String> requests() {
    return of(cpuRequest, memoryRequest, ephemeralStorageRequest);
  }

  /** The limits by resource name, set ones only. */
  public Map<String, String> limits() {
    return of(cpuLimit, memoryLimit, ephemeralStorageLimit);
  }

  private static Map<String, String> of(@Nullable String cpu, @Nullable String memory, @Nullable String storage) {
    Map<String, String> m = new LinkedHashMap<>();
    if (cpu != null && !cpu.isEmpty()) {
      m.put("cpu", cpu);
    }
    if (memory != null && !memory.isEmpty()) {
      m.put("memory", memory);
    }
    if (storage != null && !storage.isEmpty()) {
      m.put("ephemeral-storage", storage);
    }
    return m;
  }
}
