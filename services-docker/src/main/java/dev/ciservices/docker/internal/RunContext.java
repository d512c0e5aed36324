package dev.ciservices.docker.internal;

import com.github.dockerjava.api.DockerClient;
import dev.ciservices.EngineInfo;
import dev.ciservices.JobPlan;
import dev.ciservices.StartOptions;
import dev.ciservices.internal.Masker;
import java.net.http.HttpClient;
import java.util.Map;
import java.util.function.Supplier;
import java.util.concurrent.ExecutorService;

/**
 * What one start of a plan works with: the engine, the labels of this backend instance, its
 * settings, the readiness choice, the engine's identity, the plan, the caller's options and the
 * masked trace they write to.
 */
record RunContext(DockerClient docker, Map<String, String> ownerLabels, DockerBackendSettings settings,
    ReadinessChoice readiness, Supplier<EngineInfo> engine, JobPlan plan, StartOptions options, Trace trace,
    ExecutorService pool, HttpClient http) {

  static RunContext of(DockerClient docker, Map<String, String> ownerLabels, DockerBackendSettings settings,
      ReadinessChoice readiness, Supplier<EngineInfo> engine, JobPlan plan, StartOptions options,
      ExecutorService pool, HttpClient http) {
    Trace trace = new Trace(options.listener(), Masker.of(plan));
    // MASKING OF REGISTRY CREDENTIALS, backend side (see RegistrySources for the plan side): the
    // passwords and auth strings inside DOCKER_AUTH_CONFIG, masked from the start, pulled or not
    trace.addSecrets(dev.ciservices.registry.RegistryAuth.knownSecrets(plan.registryCredentials()));
    return new RunContext(docker, ownerLabels, settings, readiness, engine, plan, options, trace, pool, http);
  }
}
