package dev.ciservices.docker.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.ciservices.ImagePullException;
import dev.ciservices.JobEvent;
import dev.ciservices.PullPolicy;
import dev.ciservices.PullPolicyDecision;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;

/**
 * Makes an image available under its effective pull policies, tried in order as fallbacks, with the
 * runner's log lines. An image used by several services is fetched once.
 */
final class ImagePuller {
  private final DockerClient docker;
  private final Trace trace;
  private final ExecutorService executor;
  private final ConcurrentMap<String, CompletableFuture<Void>> images = new ConcurrentHashMap<>();

  ImagePuller(DockerClient docker, Trace trace, ExecutorService executor) {
    this.docker = docker;
    this.trace = trace;
    this.executor = executor;
  }

  CompletableFuture<Void> ensure(String image, PullPolicyDecision decision) {
    return images.computeIfAbsent(image + " " + decision.effective(),
        key -> CompletableFuture.runAsync(() -> fetch(image, decision.effective()), executor));
  }

  private void fetch(String image, List<PullPolicy> policies) {
    trace.line("Using effective pull policy of " + PullPolicy.format(policies) + " for container " + image);
    String lastError = "";
    for (int attempt = 0; attempt < policies.size(); attempt++) {
      PullPolicy policy = policies.get(attempt);
      if (attempt > 0) {
        trace.line("Attempt #" + (attempt + 1) + ": Trying \"" + policy.value() + "\" pull policy");
      }
      try {
        boolean pulled = apply(image, policy);
        trace.event(new JobEvent.ImageReady(Instant.now(), image, pulled));
        return;
      } catch (ImagePullException | DockerException e) {
        lastError = Messages.of(e);
        trace.warning("Failed to pull image with policy \"" + policy.value() + "\": " + lastError);
      }
    }
    throw new ImagePullException("failed to pull image \"" + image + "\" with specified policies "
        + PullPolicy.format(policies) + ": " + lastError);
  }

  /** Applies one policy; returns whether the image was pulled. */
  private boolean apply(String image, PullPolicy policy) {
    switch (policy) {
      case NEVER:
        if (!isLocal(image)) {
          throw new ImagePullException("image \"" + image + "\" is not present locally and the pull policy \"never\""
              + " forbids pulling it; build or load it first (docker build -t " + image + " ...), or allow"
              + " \"if-not-present\"");
        }
        return false;
      case IF_NOT_PRESENT:
        if (isLocal(image)) {
          trace.line("Using locally found image version due to \"if-not-present\" pull policy");
          return false;
        }
        pull(image);
        return true;
      case ALWAYS:
        pull(image);
        return true;
      default:
        throw new IllegalStateException(policy.toString());
    }
  }

  private boolean isLocal(String image) {
    try {
      docker.inspectImageCmd(image).exec();
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }

  private void pull(String image) {
    String ref = image.contains(":") || image.contains("@") ? image : image + ":latest";
    trace.line("Pulling docker image " + ref + " ...");
    try {
      docker.pullImageCmd(ref).exec(new PullImageResultCallback()).awaitCompletion();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ImagePullException("interrupted while pulling " + ref, e);
    } catch (RuntimeException e) {
      throw new ImagePullException(Messages.of(e), e);
    }
  }
}
