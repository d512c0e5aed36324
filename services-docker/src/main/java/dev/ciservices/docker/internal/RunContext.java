package dev.ciservices.docker.internal;

import com.github.dockerjava.api.DockerClient;
import dev.ciservices.EngineInfo;
import dev.ciservices.JobPlan;
import dev.ciservices.StartOptions;
import dev.ciservices.internal.Masker;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What one start of a plan works with: the engine, the labels of this backend instance, its
 * settings, the readiness choice, the engine's identity, the plan, the caller's options and the
 * masked trace they write to.
 */
record RunContext(DockerClient docker, Map<String, String> ownerLabels, DockerBackendSettings settings,
    ReadinessChoice readiness, Supplier<EngineInfo> engine, JobPlan plan, StartOptions options, Trace trace) {

  static RunContext of(DockerClient docker, Map<String, String> ownerLabels, DockerBackendSettings settings,
      ReadinessChoice readiness, Supplier<EngineInfo> engine, JobPlan plan, StartOptions options) {
    return new RunContext(docker, ownerLabels, settings, readiness, engine, plan, options,
        new Trace(options.listener(), new Masker(plan.maskedValues())));
  }
}
