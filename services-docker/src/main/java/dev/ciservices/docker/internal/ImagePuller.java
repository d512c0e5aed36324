package dev.ciservices.docker.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.PullResponseItem;
import dev.ciservices.ImagePullException;
import dev.ciservices.JobEvent;
import dev.ciservices.PullPolicy;
import dev.ciservices.PullPolicyDecision;
import dev.ciservices.RegistryCredential;
import dev.ciservices.RegistryCredentials;
import dev.ciservices.registry.CredentialHelpers;
import dev.ciservices.registry.RegistryAuth;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * Makes an image available under its effective pull policies, tried in order as fallbacks, with the
 * runner's log lines, its credentials per image and its retries of network failures. An image used
 * by several services is fetched once.
 */
final class ImagePuller {
  /** Pulls per policy attempt ({@code defaultPullMaxAttempts}). */
  static final int MAX_PULLS = 3;
  private static final Duration TRACE_EVERY = Duration.ofSeconds(5);
  private static final Duration EVENT_EVERY = Duration.ofMillis(200);

  /** Waits between pulls; the tests' clock. */
  interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  private final DockerClient docker;
  private final Trace trace;
  private final ExecutorService executor;
  private final RegistryCredentials credentials;
  private final CredentialHelpers helpers;
  private final Sleeper sleeper;
  private final ConcurrentMap<String, CompletableFuture<Void>> images = new ConcurrentHashMap<>();

  ImagePuller(DockerClient docker, Trace trace, ExecutorService executor, RegistryCredentials credentials,
      CredentialHelpers helpers) {
    this(docker, trace, executor, credentials, helpers, d -> Thread.sleep(d.toMillis()));
  }

  ImagePuller(DockerClient docker, Trace trace, ExecutorService executor, RegistryCredentials credentials,
      CredentialHelpers helpers, Sleeper sleeper) {
    this.docker = docker;
    this.trace = trace;
    this.executor = executor;
    this.credentials = credentials;
    this.helpers = helpers;
    this.sleeper = sleeper;
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
      } catch (PullFailed e) {
        lastError = e.getMessage();
        trace.warning("Failed to pull image with policy \"" + policy.value() + "\": " + lastError);
      }
    }
    throw new ImagePullException(trace.mask("failed to pull image \"" + image + "\" with specified policies "
        + PullPolicy.format(policies) + ": " + lastError));
  }

  /** One policy attempt failed; the message is what GitLab prints. */
  private static final class PullFailed extends Exception {
    private static final long serialVersionUID = 1L;

    PullFailed(String message) {
      super(message, null, false, false);
    }
  }

  /** Applies one policy; returns whether the image was pulled. */
  private boolean apply(String image, PullPolicy policy) throws PullFailed {
    switch (policy) {
      case NEVER:
        if (!isLocal(image)) {
          throw new PullFailed("image \"" + image + "\" is not present locally and the pull policy \"never\""
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

  private boolean isLocal(String image) throws PullFailed {
    try {
      docker.inspectImageCmd(image).exec();
      return true;
    } catch (NotFoundException e) {
      return false;
    } catch (DockerException e) {
      throw new PullFailed(daemonError(e));
    }
  }

  private void pull(String image) throws PullFailed {
    String ref = image.contains(":") || image.contains("@") ? image : image + ":latest";
    // resolved once per policy attempt, not per retry, as the runner does
    RegistryAuth.ImageCredentials found = RegistryAuth.forImage(credentials, ref, helpers);
    // MASKING OF REGISTRY CREDENTIALS, backend side: what the config file and the helpers gave, before any line is written
    trace.addSecrets(found.secrets());
    RegistryAuth.printHelperStderr(found.helperStderr(), trace::mask);
    found.warnings().forEach(trace::warning);
    found.traceLine().ifPresent(trace::line);
    AuthConfig auth = found.credential().map(ImagePuller::authConfig).orElse(null);
    trace.line("Pulling docker image " + ref + " ...");
    for (int pull = 1; ; pull++) {
      String error = pullOnce(ref, auth);
      if (error == null) {
        return;
      }
      if (pull == MAX_PULLS || !PullErrors.isTransient(error)) {
        throw new PullFailed(error);
      }
      trace.warning("Failed to pull image \"" + ref + "\" (attempt #" + pull + "), retrying: " + error);
      try {
        // jpillora/backoff with min 2 s, factor 2, jitter: 2 s, then uniformly 2 to 4 s
        sleeper.sleep(pull == 1 ? Duration.ofSeconds(2)
            : Duration.ofMillis(2000 + ThreadLocalRandom.current().nextLong(2001)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ImagePullException("interrupted while pulling " + ref, e);
      }
    }
  }

  private static AuthConfig authConfig(RegistryCredential c) {
    AuthConfig auth = new AuthConfig().withRegistryAddress(c.serverAddress());
    if (!c.username().isEmpty()) {
      auth.withUsername(c.username());
    }
    if (!c.password().isEmpty()) {
      auth.withPassword(c.password());
    }
    if (!c.identityToken().isEmpty()) {
      auth.withIdentityToken(c.identityToken());
    }
    if (!c.registryToken().isEmpty()) {
      auth.withRegistrytoken(c.registryToken());
    }
    return auth;
  }

  /** One pull; the error as GitLab shows it, or null when the image arrived. */
  private @Nullable String pullOnce(String ref, @Nullable AuthConfig auth) {
    Stream stream = new Stream(ref);
    try {
      // an explicit (possibly null) AuthConfig: docker-java would otherwise read ~/.docker/config.json itself
      docker.pullImageCmd(ref).withAuthConfig(auth).exec(stream);
      stream.awaitCompletion();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closeQuietly(stream);
      throw new ImagePullException("interrupted while pulling " + ref, e);
    } catch (DockerException e) {
      return daemonError(e);
    }
    if (stream.failure != null) {
      return stream.failure;
    }
    trace.event(stream.progress.event(true));
    return null;
  }

  /** {@code Error response from daemon: <message>}: how the docker client shows an engine's HTTP error. */
  static String daemonError(Throwable e) {
    return "Error response from daemon: " + Messages.of(e);
  }

  private static void closeQuietly(Stream stream) {
    try {
      stream.close();
    } catch (java.io.IOException ignored) {
      // the pull is abandoned
    }
  }

  /**
   * Reads the engine's pull messages: progress into events and trace lines, an error in the stream
   * (which has no {@code Error response from daemon:} prefix) as the failure. Errors of the call
   * itself are kept, not logged: docker-java's default callback logs them with a stack trace.
   */
  private final class Stream extends ResultCallback.Adapter<PullResponseItem> {
    final PullProgress progress;
    volatile @Nullable String failure;
    private long lastEvent;
    private long lastTrace = System.nanoTime();

    Stream(String ref) {
      this.progress = new PullProgress(ref);
    }

    @Override
    public void onNext(PullResponseItem item) {
      if (item == null) {
        return;
      }
      if (item.getErrorDetail() != null || item.getError() != null) {
        String message = item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
            ? item.getErrorDetail().getMessage() : item.getError();
        failure = String.valueOf(message).strip();
        return;
      }
      if (!progress.accept(item)) {
        return;
      }
      long now = System.nanoTime();
      if (now - lastEvent >= EVENT_EVERY.toNanos()) {
        lastEvent = now;
        trace.event(progress.event(false));
      }
      if (now - lastTrace >= TRACE_EVERY.toNanos()) {
        lastTrace = now;
        trace.line("Downloading " + progress.event(false).image() + ": " + progress.summary());
      }
    }

    @Override
    public void onError(Throwable throwable) {
      failure = throwable instanceof DockerException ? daemonError(throwable) : Messages.of(throwable);
      closeQuietly(this);
    }
  }
}
