package dev.ciservices.docker;

import static dev.ciservices.docker.Registries.AUTH;
import static dev.ciservices.docker.Registries.OPEN;
import static dev.ciservices.docker.Registries.PASSWORD;
import static dev.ciservices.docker.Registries.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ciservices.RunnerConfig;
import dev.ciservices.ImagePullException;
import dev.ciservices.JobEvent;
import dev.ciservices.JobPlan;
import dev.ciservices.JobPlanner;
import dev.ciservices.JobSpec;
import dev.ciservices.PullPolicy;
import dev.ciservices.RunningServices;
import dev.ciservices.ServiceSpec;
import dev.ciservices.StartOptions;
import dev.ciservices.Variable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pulls from the real local registries of scripts/registry: every credential source, their
 * precedence, a credential helper, the daemon's errors, and the pull's progress events. The docker
 * config folder is always a temporary one: ~/.docker is never read or written.
 */
class RegistryAuthIT {
  private static final String PRIVATE = AUTH + "/test/busybox:1";
  private static final String PUBLIC = OPEN + "/test/busybox:1";
  private static final String PAYLOAD = AUTH + "/test/payload:2";
  private static final String WARN = "\u001b[0;33mWARNING: \u001b[0;m";
  /** Podman's compat API sends its own pull errors (in the stream, not as HTTP errors) and progress. */
  private static final boolean PODMAN = Engines.DOCKER.engineInfo().product().startsWith("Podman");

  @TempDir
  Path dockerConfig;

  @BeforeAll
  static void registries() {
    Registries.requireUp();
  }

  @AfterAll
  static void removePulledTags() {
    for (String tag : List.of(PRIVATE, PUBLIC, PAYLOAD)) {
      try {
        Engines.DOCKER.dockerClient().removeImageCmd(tag).exec();
      } catch (RuntimeException ignored) {
        // not pulled by this run
      }
    }
  }

  /** A recorder that keeps events too. */
  static final class Recorder implements dev.ciservices.ServiceListener {
    final List<String> lines = new CopyOnWriteArrayList<>();
    final List<JobEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void onTrace(String line) {
      lines.add(line);
    }

    String text() {
      return String.join("\n", lines);
    }

    @Override
    public void onEvent(JobEvent event) {
      events.add(event);
    }
  }

  private RunnerConfig.Builder runner() {
    return RunnerConfig.builder().pullPolicy(PullPolicy.ALWAYS).waitForServicesTimeout(-1).dockerConfig(dockerConfig);
  }

  private static JobSpec.Builder job(String image) {
    return JobSpec.builder().service(ServiceSpec.builder(image).command("sleep", "30").build());
  }

  private static Recorder start(JobSpec job, RunnerConfig config) {
    Recorder trace = new Recorder();
    JobPlan plan = JobPlanner.plan(job, config);
    try (RunningServices services = Engines.DOCKER.start(plan, StartOptions.gitlab(trace))) {
      assertThat(services.services()).hasSize(1);
    }
    assertThat(Leftover.of(plan.instanceId())).isEmpty();
    return trace;
  }

  private static String failure(JobSpec job, RunnerConfig config, Recorder trace) {
    JobPlan plan = JobPlanner.plan(job, config);
    Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> Engines.DOCKER.start(plan, StartOptions.gitlab(trace)));
    assertThat(thrown).isInstanceOf(ImagePullException.class);
    assertThat(Leftover.of(plan.instanceId())).isEmpty();
    return thrown.getMessage();
  }

  @Test
  void pullsAnImageThatNeedsNoAuthWithoutAnAuthenticatingLine() {
    Recorder trace = start(job(PUBLIC).build(), runner().build());
    assertThat(trace.lines).containsSubsequence("Using effective pull policy of [always] for container " + PUBLIC,
        "Pulling docker image " + PUBLIC + " ...")
        .noneMatch(l -> l.startsWith("Authenticating"));
  }

  @Test
  void withoutCredentialsThePrivateImageFailsWithTheDaemonsMessage() {
    Recorder trace = new Recorder();
    String message = failure(job(PRIVATE).build(), runner().build(), trace);
    String daemon = PODMAN ? unauthorized(PRIVATE)
        : "Error response from daemon: Head \"http://" + AUTH + "/v2/test/busybox/manifests/1\": no basic auth credentials";
    assertThat(message).isEqualTo("failed to pull image \"" + PRIVATE + "\" with specified policies [always]: " + daemon);
    assertThat(trace.lines).contains(WARN + "Failed to pull image with policy \"always\": " + daemon)
        .noneMatch(l -> l.contains("Status 500") || l.contains("{\"message\""));
  }

  @Test
  void authenticatesWithTheJobsDockerAuthConfig() {
    Recorder trace = start(job(PRIVATE).variable("DOCKER_AUTH_CONFIG", Registries.authConfig(AUTH, USER, PASSWORD)).build(),
        runner().build());
    assertThat(trace.lines).containsSubsequence("Using effective pull policy of [always] for container " + PRIVATE,
        "Authenticating with credentials from $DOCKER_AUTH_CONFIG", "Pulling docker image " + PRIVATE + " ...");
    assertThat(trace.text()).doesNotContain(PASSWORD).doesNotContain(Registries.basic(USER, PASSWORD));
  }

  @Test
  void authenticatesWithAFileTypeDockerAuthConfig() {
    Recorder trace = start(job(PRIVATE).variable(Variable.of("DOCKER_AUTH_CONFIG",
        Registries.authConfig("http://" + AUTH + "/v1/", USER, PASSWORD)).withFile(true)).build(), runner().build());
    assertThat(trace.lines).contains("Authenticating with credentials from $DOCKER_AUTH_CONFIG");
  }

  @Test
  void authenticatesWithTheRunnersDockerAuthConfig() {
    Recorder trace = start(job(PRIVATE).build(),
        runner().environment("DOCKER_AUTH_CONFIG=" + Registries.authConfig(AUTH, USER, PASSWORD)).build());
    assertThat(trace.lines).contains("Authenticating with credentials from $DOCKER_AUTH_CONFIG");
  }

  @Test
  void authenticatesWithTheDockerLoginStateInTheConfigFolder() throws IOException {
    Path file = dockerConfig.resolve("config.json");
    Files.writeString(file, Registries.authConfig(AUTH, USER, PASSWORD));
    Recorder trace = start(job(PRIVATE).build(), runner().build());
    assertThat(trace.lines).contains("Authenticating with credentials from " + file);
  }

  @Test
  void authenticatesWithTheJobsRegistryCredentials() {
    Recorder trace = start(job(PRIVATE).variable("CI_REGISTRY", AUTH).variable("CI_REGISTRY_USER", USER)
        .variable("CI_REGISTRY_PASSWORD", PASSWORD).build(), runner().build());
    assertThat(trace.lines).contains("Authenticating with credentials from job payload (GitLab Registry)");
  }

  @Test
  void theVariableBeatsTheConfigFileForTheSameHost() throws IOException {
    Files.writeString(dockerConfig.resolve("config.json"), Registries.authConfig(AUTH, USER, "wrong-password"));
    Recorder trace = start(job(PRIVATE).variable("DOCKER_AUTH_CONFIG", Registries.authConfig(AUTH, USER, PASSWORD)).build(),
        runner().build());
    assertThat(trace.lines).contains("Authenticating with credentials from $DOCKER_AUTH_CONFIG");
  }

  @Test
  void aLongerPathInTheConfigFileBeatsTheVariablesHost() throws IOException {
    Path file = dockerConfig.resolve("config.json");
    Files.writeString(file, Registries.authConfig(AUTH + "/test", USER, PASSWORD));
    Recorder trace = start(job(PRIVATE).variable("DOCKER_AUTH_CONFIG",
        Registries.authConfig(AUTH, USER, "wrong-password")).build(), runner().build());
    assertThat(trace.lines).contains("Authenticating with credentials from " + file);
  }

  @Test
  void authenticatesThroughACredentialHelper(@TempDir Path helperDir) throws IOException {
    Registries.helper(helperDir, "{\"ServerURL\":\"" + AUTH + "\",\"Username\":\"" + USER + "\",\"Secret\":\"" + PASSWORD + "\"}", 0);
    Files.writeString(dockerConfig.resolve("config.json"), "{\"credHelpers\":{\"" + AUTH + "\":\"test\"}}");
    Recorder trace = start(job(PRIVATE).build(), runner().credentialHelperPath(helperDir).build());
    assertThat(trace.lines).contains("Authenticating with credentials from " + dockerConfig.resolve("config.json"));
    assertThat(Files.readAllLines(helperDir.resolve("asked"))).containsExactly(AUTH);
    assertThat(trace.text()).doesNotContain(PASSWORD);
  }

  @Test
  void aFailingHelperDropsItsSourceWithAWarningAndThePullGoesOn(@TempDir Path helperDir) throws IOException {
    Registries.helper(helperDir, "helper says no", 1);
    Recorder trace = new Recorder();
    String message = failure(job(PRIVATE).variable("DOCKER_AUTH_CONFIG", "{\"credHelpers\":{\"" + AUTH + "\":\"test\"}}").build(),
        runner().credentialHelperPath(helperDir).build(), trace);
    assertThat(trace.lines).containsSubsequence("Using effective pull policy of [always] for container " + PRIVATE,
        WARN + "Failed to resolve credentials from $DOCKER_AUTH_CONFIG: error getting credentials - err: exit status 1,"
            + " out: `helper says no`. Credentials from this source will not be used.",
        "Pulling docker image " + PRIVATE + " ...");
    assertThat(message).endsWith(PODMAN ? "unauthorized: authentication required" : "no basic auth credentials");
  }

  @Test
  void aWrongPasswordFailsWithTheDaemonsMessageAndNoSecret() {
    Recorder trace = new Recorder();
    String message = failure(job(PRIVATE).variable("DOCKER_AUTH_CONFIG",
        Registries.authConfig(AUTH, USER, "wrong-password")).build(), runner().build(), trace);
    assertThat(message).startsWith("failed to pull image \"" + PRIVATE + "\" with specified policies [always]: "
        + (PODMAN ? "initializing source docker://" : "Error response from daemon: ")).contains("unauthorized");
    assertThat(trace.text() + message).doesNotContain("wrong-password");
    assertThat(trace.lines).contains("Authenticating with credentials from $DOCKER_AUTH_CONFIG");
  }

  @Test
  void aMissingImageFailsWithTheDaemonsMessageWithoutRetrying() {
    Recorder trace = new Recorder();
    String image = OPEN + "/test/missing:1";
    String message = failure(job(image).build(), runner().build(), trace);
    assertThat(message).isEqualTo("failed to pull image \"" + image + "\" with specified policies [always]: " + (PODMAN
        ? "initializing source docker://" + image + ": reading manifest 1 in " + OPEN + "/test/missing: manifest unknown:"
            + " manifest unknown"
        : "Error response from daemon: manifest for " + image + " not found: manifest unknown: manifest unknown"));
    assertThat(trace.lines).filteredOn(l -> l.startsWith("Pulling docker image")).hasSize(1);
  }

  @Test
  void retriesAnUnreachableRegistryTwiceThenFallsBack() {
    Recorder trace = new Recorder();
    String image = "127.0.0.1:5199/test/busybox:1";
    String message = failure(job(image).build(), runner().build(), trace);
    String refused = "Get \"http://127.0.0.1:5199/v2/\": dial tcp 127.0.0.1:5199: connect: connection refused";
    String daemon = PODMAN ? "initializing source docker://" + image + ": pinging container registry 127.0.0.1:5199: " + refused
        : "Error response from daemon: " + refused;
    assertThat(message).isEqualTo("failed to pull image \"" + image + "\" with specified policies [always]: " + daemon);
    assertThat(trace.lines).containsSubsequence("Pulling docker image " + image + " ...",
        WARN + "Failed to pull image \"" + image + "\" (attempt #1), retrying: " + daemon,
        WARN + "Failed to pull image \"" + image + "\" (attempt #2), retrying: " + daemon,
        WARN + "Failed to pull image with policy \"always\": " + daemon);
  }

  @Test
  void reportsPullProgressWhoseBytesAddUpToTheLayers() throws IOException {
    try {
      Engines.DOCKER.dockerClient().removeImageCmd(PAYLOAD).exec();
    } catch (RuntimeException ignored) {
      // not there: the pull downloads every layer anyway
    }
    Recorder trace = start(job(PAYLOAD).variable("DOCKER_AUTH_CONFIG", Registries.authConfig(AUTH, USER, PASSWORD)).build(),
        runner().build());
    List<JobEvent.ImagePullProgress> progress = trace.events.stream()
        .filter(JobEvent.ImagePullProgress.class::isInstance).map(JobEvent.ImagePullProgress.class::cast).toList();
    JobEvent.ImagePullProgress last = progress.get(progress.size() - 1);
    // the manifest's layers: busybox:1.35's (present locally: nothing to download), then the two random ones
    Matcher size = Pattern.compile("\"size\":\\s*(\\d+),\\s*\"digest\":\\s*\"sha256:[0-9a-f]+\"")
        .matcher(Registries.manifest(AUTH, "test/payload", "2").replaceAll("(?s)\"config\":\\s*\\{[^}]*\\},", ""));
    List<Long> sizes = new java.util.ArrayList<>();
    while (size.find()) {
      sizes.add(Long.parseLong(size.group(1)));
    }
    int present = Engines.DOCKER.dockerClient().inspectImageCmd("busybox:1.35").exec().getRootFS().getLayers().size();
    assertThat(sizes).hasSize(present + 2);
    if (PODMAN) {
      // Podman's stream has no byte counts and reports the image's config blob like a layer
      assertThat(last.complete()).isTrue();
      assertThat(last.image()).isEqualTo(PAYLOAD);
      assertThat(last.layers()).isEqualTo(present + 3);
      assertThat(last.layersDone()).isEqualTo(present + 3);
      assertThat(last.bytesTotal()).isZero();
      return;
    }
    long layerBytes = sizes.get(present) + sizes.get(present + 1);
    assertThat(last.complete()).isTrue();
    assertThat(last.image()).isEqualTo(PAYLOAD);
    assertThat(last.layers()).isEqualTo(present + 2);
    assertThat(last.layersDone()).isEqualTo(present + 2);
    assertThat(last.bytesTotal()).isEqualTo(layerBytes);
    assertThat(last.bytesDone()).isEqualTo(layerBytes);
    assertThat(progress).allSatisfy(p -> assertThat(p.bytesDone()).isLessThanOrEqualTo(p.bytesTotal()));
    assertThat(progress.stream().mapToLong(JobEvent.ImagePullProgress::bytesDone)).isSorted();
  }

  @Test
  void aHelperNameWithAPathFailsThePullNamingTheSource() {
    Recorder trace = new Recorder();
    String message = failure(job(PRIVATE).variable("DOCKER_AUTH_CONFIG", "{\"credHelpers\":{\"" + AUTH
        + "\":\"../../usr/bin/sudo\"}}").build(), runner().build(), trace);
    assertThat(message).isEqualTo("path traversal is not allowed: credHelpers[\"" + AUTH + "\"] is \"../../usr/bin/sudo\";"
        + " give the suffix of a docker-credential-<name> program on PATH, e.g. \"pass\" for docker-credential-pass"
        + " (in $DOCKER_AUTH_CONFIG)");
  }

  /** Podman's words for a registry that wants credentials it did not get. */
  private static String unauthorized(String image) {
    int slash = image.lastIndexOf(':');
    return "initializing source docker://" + image + ": reading manifest " + image.substring(slash + 1) + " in "
        + image.substring(0, slash) + ": unauthorized: authentication required";
  }
}
