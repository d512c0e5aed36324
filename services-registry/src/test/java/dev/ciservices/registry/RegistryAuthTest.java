package dev.ciservices.registry;

import dev.ciservices.RunnerConfig;
import dev.ciservices.ImagePullException;
import dev.ciservices.JobPlan;
import dev.ciservices.JobPlanner;
import dev.ciservices.JobSpec;
import dev.ciservices.RegistryCredential;
import dev.ciservices.RegistryCredentials;
import dev.ciservices.Variable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryAuthTest {
  private static final String FILE_CONFIG = "{\"auths\":{\"https://registry.domain.tld:5005/v1/\":{\"auth\":\""
      + b64("test_user_1:test_password_1") + "\"},\"registry2.domain.tld:5005\":{\"auth\":\""
      + b64("test_user_2:test_password_2") + "\"}}}";
  private static final String VARIABLE_CONFIG = "{\"auths\":{\"https://registry.domain.tld:5005/v1/\":{\"auth\":\""
      + b64("test_user_1:test_password_1") + "\"}}}";
  private static final RegistryCredential GITLAB = new RegistryCredential("registry.gitlab.tld:1234",
      "registry.gitlab.tld:1234", "test_user_3", "test_password_3", "", "", RegistryCredential.PAYLOAD_SOURCE);

  @TempDir
  Path home;

  /** Helpers answering from a table; records each call. */
  static final class TableHelpers implements CredentialHelpers {
    final Map<String, Output> answers;
    final List<String> calls = new ArrayList<>();

    TableHelpers(Map<String, Output> answers) {
      this.answers = answers;
    }

    @Override
    public Output run(String name, String action, String input) throws IOException {
      calls.add(name + " " + action + " " + input);
      Output out = answers.get(name + " " + action + " " + input);
      if (out == null) {
        throw new IOException("exec: \"docker-credential-" + name + "\": executable file not found in $PATH");
      }
      return out;
    }
  }

  static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private Path file(String content) throws IOException {
    Path f = home.resolve(".dockercfg");
    Files.writeString(f, content);
    return f;
  }

  @Test
  void takesTheFileEntryForItsRegistryAndNamesTheFileAsSource() throws IOException {
    Path f = file(FILE_CONFIG);
    RegistryCredentials creds = RegistryCredentials.of(null, List.of(f), List.of());
    RegistryCredential c = RegistryAuth.forImage(creds, "registry.domain.tld:5005/image/name:version", CredentialHelpers.in(List.of()))
        .credential().orElseThrow();
    assertThat(c.username()).isEqualTo("test_user_1");
    assertThat(c.password()).isEqualTo("test_password_1");
    assertThat(c.path()).isEqualTo("registry.domain.tld:5005");
    assertThat(c.source()).isEqualTo(f.toString());
    assertThat(RegistryAuth.forImage(creds, "registry2.domain.tld:5005/image/name:version", CredentialHelpers.in(List.of()))
        .credential().orElseThrow().username()).isEqualTo("test_user_2");
    assertThat(RegistryAuth.forImage(creds, "registry.gitlab.tld:1234/image/name:version", CredentialHelpers.in(List.of()))
        .credential()).isEmpty();
  }

  @Test
  void readsOnlyTheFirstConfigFileThatExists() throws IOException {
    Path json = home.resolve("config.json");
    Files.writeString(json, "{\"auths\":{\"a.example\":{\"username\":\"u1\",\"password\":\"p1\"}}}");
    Path legacy = file("{\"auths\":{\"b.example\":{\"username\":\"u2\",\"password\":\"p2\"}}}");
    RegistryCredentials creds = RegistryCredentials.of(null, List.of(home.resolve("missing.json"), json, legacy), List.of());
    assertThat(RegistryAuth.resolveAll(creds, CredentialHelpers.in(List.of())).credentials()).extracting(RegistryCredential::path)
        .containsExactly("a.example");
  }

  @Test
  void theVariableBeatsTheFileWhichBeatsThePayloadForTheSamePath() throws IOException {
    Path f = file(FILE_CONFIG);
    RegistryCredential sameAsFile = new RegistryCredential("registry2.domain.tld:5005", "registry2.domain.tld:5005",
        "payload", "payload-pw", "", "", RegistryCredential.PAYLOAD_SOURCE);
    RegistryCredentials creds = RegistryCredentials.of(VARIABLE_CONFIG, List.of(f), List.of(GITLAB, sameAsFile));
    RegistryAuth.Resolution all = RegistryAuth.resolveAll(creds, CredentialHelpers.in(List.of()));
    assertThat(all.credentials()).extracting(RegistryCredential::path, RegistryCredential::source).containsExactly(
        org.assertj.core.groups.Tuple.tuple("registry.domain.tld:5005", "$DOCKER_AUTH_CONFIG"),
        org.assertj.core.groups.Tuple.tuple("registry2.domain.tld:5005", f.toString()),
        org.assertj.core.groups.Tuple.tuple("registry.gitlab.tld:1234", "job payload (GitLab Registry)"));
  }

  @Test
  void theLongestMatchingPathWinsWhateverItsSource() {
    String variable = "{\"auths\":{\"registry.local\":{\"username\":\"u1\",\"password\":\"p\"},"
        + "\"registry.local/ns\":{\"username\":\"u2\",\"password\":\"p\"},"
        + "\"registry.local/ns/some/image\":{\"username\":\"u3\",\"password\":\"p\"}}}";
    RegistryCredentials creds = RegistryCredentials.of(variable, List.of(), List.of(
        new RegistryCredential("registry.local/ns", "registry.local/ns", "payload-ns", "p", "", "", "job payload (GitLab Registry)"),
        new RegistryCredential("registry.local/ns/blipp", "registry.local/ns/blipp", "payload-blipp", "p", "", "",
            "job payload (GitLab Registry)")));
    CredentialHelpers none = CredentialHelpers.in(List.of());
    assertThat(user(creds, "registry.local/foo/image:3", none)).isEqualTo("u1");
    assertThat(user(creds, "registry.local/ns/image:5", none)).isEqualTo("u2");
    assertThat(user(creds, "registry.local/ns/some/image:l", none)).isEqualTo("u3");
    assertThat(user(creds, "registry.local/ns/blipp/image:bar", none)).isEqualTo("payload-blipp");
    assertThat(RegistryAuth.forImage(creds, "no_auth_configured/image:l", none).credential()).isEmpty();
  }

  private static String user(RegistryCredentials creds, String image, CredentialHelpers helpers) {
    return RegistryAuth.forImage(creds, image, helpers).credential().orElseThrow().username();
  }

  @Test
  void normalisesKeysAndImagesAsTheRunner() {
    assertThat(RegistryCredentials.keyPath("my.HOSTNAME/With/Path/CASE")).isEqualTo("my.hostname/With/Path/CASE");
    assertThat(RegistryCredentials.keyPath("my.hostname:5000/with/tag/image:latest")).isEqualTo("my.hostname:5000/with/tag/image");
    assertThat(RegistryCredentials.keyPath("HTTPS://INDEX.DOCKER.IO/V1/blibb")).isEqualTo("docker.io");
    assertThat(RegistryCredentials.keyPath("http://index.docker.io/v1/")).isEqualTo("docker.io");
    assertThat(RegistryCredentials.keyPath("https://my.hostname/v1/something")).isEqualTo("my.hostname");
    assertThat(RegistryCredentials.keyPath("r.example:5005")).isEqualTo("r.example:5005");
    assertThat(RegistryCredentials.keyPath("index.docker.io")).isEqualTo("index.docker.io");
    assertThat(RegistryCredentials.imagePath("user/ubuntu")).isEqualTo("docker.io/user/ubuntu");
    assertThat(RegistryCredentials.imagePath("InDex.DOCKER.io/user/ubuntu")).isEqualTo("docker.io/user/ubuntu");
    assertThat(RegistryCredentials.imagePath("cr.internal:5000/user/ubuntu")).isEqualTo("cr.internal:5000/user/ubuntu");
    assertThat(RegistryCredentials.imagePath("FOO.BAR:123/With/Case")).isEqualTo("foo.bar:123/With/Case");
    assertThat(RegistryCredentials.imagePath("LOCALHOST/test:xxx")).isEqualTo("localhost/test");
    assertThat(RegistryCredentials.imagePath("localhost:1234/test")).isEqualTo("localhost:1234/test");
    assertThat(RegistryCredentials.imagePath("notLocalhost/test")).isEqualTo("docker.io/notLocalhost/test");
    assertThat(RegistryCredentials.imagePath("alpine")).isEqualTo("docker.io/alpine");
    assertThat(RegistryCredentials.imagePath("r.example/img@sha256:abc")).isEqualTo("r.example/img@sha256");
  }

  @Test
  void credsStoreSuppliesOnlyTheServersItLists() {
    TableHelpers helpers = new TableHelpers(Map.of(
        "store list unused", new CredentialHelpers.Output(0, "{\"https://registry2.domain.tld:5005/v1/\":\"script_user_1\"}"),
        "store get https://registry2.domain.tld:5005/v1/",
        new CredentialHelpers.Output(0, "{\"ServerURL\":\"x\",\"Username\":\"script_user_1\",\"Secret\":\"s3cret\"}")));
    RegistryCredentials creds = RegistryCredentials.of("{\"credsStore\":\"store\"}", List.of(), List.of());
    RegistryAuth.ImageCredentials found = RegistryAuth.forImage(creds, "registry2.domain.tld:5005/image/name:version", helpers);
    RegistryCredential c = found.credential().orElseThrow();
    assertThat(c.username()).isEqualTo("script_user_1");
    assertThat(c.password()).isEqualTo("s3cret");
    assertThat(c.serverAddress()).isEqualTo("https://registry2.domain.tld:5005/v1/");
    assertThat(found.secrets()).contains("s3cret");
    assertThat(RegistryAuth.forImage(creds, "other.example/x:1", helpers).credential()).isEmpty();
  }

  @Test
  void credHelperKeysKeepTheirPathAndTakeIdentityTokens() {
    TableHelpers helpers = new TableHelpers(Map.of(
        "test get registry2.domain.tld:5005/image/name:version",
        new CredentialHelpers.Output(0, "{\"serverurl\":\"other\",\"username\":\"<token>\",\"secret\":\"tok\"}")));
    RegistryCredentials creds = RegistryCredentials.of(
        "{\"credHelpers\":{\"registry2.domain.tld:5005/image/name:version\":\"test\"}}", List.of(), List.of());
    RegistryCredential c = RegistryAuth.forImage(creds, "registry2.domain.tld:5005/image/name:v2", helpers).credential().orElseThrow();
    assertThat(c.path()).isEqualTo("registry2.domain.tld:5005/image/name");
    assertThat(c.serverAddress()).isEqualTo("registry2.domain.tld:5005/image/name:version");
    assertThat(c.identityToken()).isEqualTo("tok");
    assertThat(c.username()).isEmpty();
    assertThat(c.toString()).doesNotContain("tok\"").contains("identitytoken [MASKED]");
  }

  @Test
  void aHelperThatFindsNothingGivesNoCredentialsAndNoWarning() {
    TableHelpers helpers = new TableHelpers(Map.of("test get r.example",
        new CredentialHelpers.Output(1, "credentials not found in native keychain\n")));
    RegistryCredentials creds = RegistryCredentials.of("{\"credHelpers\":{\"r.example\":\"test\"},"
        + "\"auths\":{\"r.example\":{\"username\":\"u\",\"password\":\"p\"}}}", List.of(), List.of());
    RegistryAuth.ImageCredentials found = RegistryAuth.forImage(creds, "r.example/a:1", helpers);
    assertThat(found.credential()).isEmpty();
    assertThat(found.warnings()).isEmpty();
  }

  @Test
  void aMissingHelperDropsTheWholeVariableWithTheRunnersWarning() throws IOException {
    Path f = file("{\"auths\":{\"other.example\":{\"username\":\"fu\",\"password\":\"fp\"}}}");
    RegistryCredentials creds = RegistryCredentials.of("{\"credsStore\":\"nonexistent-helper\","
        + "\"auths\":{\"r.example\":{\"username\":\"u\",\"password\":\"p\"}}}", List.of(f), List.of());
    RegistryAuth.ImageCredentials found = RegistryAuth.forImage(creds, "r.example/a:1", CredentialHelpers.in(List.of()));
    assertThat(found.credential()).isEmpty();
    assertThat(found.warnings()).containsExactly("Failed to resolve credentials from $DOCKER_AUTH_CONFIG: error listing"
        + " credentials - err: exec: \"docker-credential-nonexistent-helper\": executable file not found in $PATH, out: ``."
        + " Credentials from this source will not be used.");
    assertThat(RegistryAuth.forImage(creds, "other.example/a:1", CredentialHelpers.in(List.of())).credential().orElseThrow().username())
        .isEqualTo("fu");
  }

  @Test
  void aFailingHelperIsReportedWithItsExitStatusAndOutput() {
    TableHelpers helpers = new TableHelpers(Map.of("test get r.example", new CredentialHelpers.Output(1, "boom: no keyring\n")));
    RegistryCredentials creds = RegistryCredentials.of("{\"credHelpers\":{\"r.example\":\"test\"}}", List.of(), List.of());
    assertThat(RegistryAuth.forImage(creds, "r.example/a:1", helpers).warnings()).containsExactly("Failed to resolve credentials from"
        + " $DOCKER_AUTH_CONFIG: error getting credentials - err: exit status 1, out: `boom: no keyring`. Credentials from this"
        + " source will not be used.");
  }

  @Test
  void aFailingHelperThatPrintedCredentialsOrATokenIsNotQuoted() {
    for (String out : List.of("{\"Username\":\"u\",\"Secret\":\"hunter2-token\"}", "hunter2-token")) {
      TableHelpers helpers = new TableHelpers(Map.of("test get r.example", new CredentialHelpers.Output(1, out)));
      RegistryCredentials creds = RegistryCredentials.of("{\"credHelpers\":{\"r.example\":\"test\"}}", List.of(), List.of());
      assertThat(RegistryAuth.forImage(creds, "r.example/a:1", helpers).warnings()).singleElement().asString()
          .contains("err: exit status 1, out: `(" + out.length() + " characters, not shown: they may hold a secret)`")
          .doesNotContain("hunter2");
    }
  }

  @Test
  void aMaskedDockerAuthConfigIsTheRunnersSecretNotAUserVariableGitLabWouldRefuseToMask() {
    // JSON with spaces, quotes and braces: GitLab's rule for masked user variables would refuse it
    String auth = "{\"auths\": {\"r.example\": {\"auth\": \"" + b64("u:pa55 word") + "\"}}}";
    JobPlan plan = JobPlanner.plan(JobSpec.builder().service("r.example/db:1")
        .variable(Variable.secret("DOCKER_AUTH_CONFIG", auth)).variable(Variable.secret("CI_JOB_TOKEN", "t k"))
        .variable("CI_REGISTRY", "r.example").build(), RunnerConfig.local().dockerConfig(Path.of("/nonexistent")).build());
    assertThat(plan.isValid()).as(plan.errors().toString()).isTrue();
    assertThat(plan.maskedValues()).contains(auth, "t k");
    assertThat(RegistryAuth.knownSecrets(plan.registryCredentials())).contains(b64("u:pa55 word"), "pa55 word");
    assertThat(RegistryCredentials.holdsSecret("DOCKER_AUTH_CONFIG")).isTrue();
    assertThat(RegistryCredentials.holdsSecret("CI_REGISTRY")).isFalse();
  }

  @Test
  void helperGarbageIsReportedWithoutRepeatingIt() {
    TableHelpers helpers = new TableHelpers(Map.of("test get r.example", new CredentialHelpers.Output(0, "hunter2-garbage")));
    RegistryCredentials creds = RegistryCredentials.of("{\"credHelpers\":{\"r.example\":\"test\"}}", List.of(), List.of());
    List<String> warnings = RegistryAuth.forImage(creds, "r.example/a:1", helpers).warnings();
    assertThat(warnings).containsExactly("Failed to resolve credentials from $DOCKER_AUTH_CONFIG: error getting"
        + " credentials - err: docker-credential-test get printed no credentials JSON for \"r.example\"; it must print"
        + " {\"ServerURL\":...,\"Username\":...,\"Secret\":...}. Credentials from this source will not be used.");
  }

  @Test
  void aHelperNameWithAPathIsFatalEvenWithOtherValidSources() throws IOException {
    Path f = file(FILE_CONFIG);
    RegistryCredentials creds = RegistryCredentials.of("{\"credHelpers\":{\"r.example\":\"../../usr/bin/sudo\"}}",
        List.of(f), List.of(GITLAB));
    TableHelpers helpers = new TableHelpers(Map.of());
    assertThatThrownBy(() -> RegistryAuth.forImage(creds, "registry.gitlab.tld:1234/a:1", helpers))
        .isInstanceOf(ImagePullException.class)
        .hasMessage("path traversal is not allowed: credHelpers[\"r.example\"] is \"../../usr/bin/sudo\"; give the suffix"
            + " of a docker-credential-<name> program on PATH, e.g. \"pass\" for docker-credential-pass (in $DOCKER_AUTH_CONFIG)");
    assertThat(helpers.calls).isEmpty();
  }

  @Test
  void invalidJsonIsReportedByPositionWithoutItsContent() {
    RegistryCredentials creds = RegistryCredentials.of("{\"auths\":{\"r.example\":{\"auth\":hunter2}}}", List.of(),
        List.of(GITLAB));
    RegistryAuth.ImageCredentials found = RegistryAuth.forImage(creds, "registry.gitlab.tld:1234/a:1", CredentialHelpers.in(List.of()));
    assertThat(found.warnings()).containsExactly("Failed to resolve credentials from $DOCKER_AUTH_CONFIG: invalid JSON"
        + " at line 1, column 38; check its quotes, commas and braces. Credentials from this source will not be used.");
    assertThat(found.credential().orElseThrow().source()).isEqualTo("job payload (GitLab Registry)");
    assertThat(RegistryAuth.resolveAll(RegistryCredentials.of("{\"auths\":", List.of(), List.of()), CredentialHelpers.in(List.of()))
        .warnings().get(0)).contains(": unexpected end of JSON input at line 1");
  }

  @Test
  void badBase64DropsTheSourceNamingTheEntry() {
    RegistryCredentials creds = RegistryCredentials.of("{\"auths\":{\"r.example\":{\"auth\":\"dXNlcjpw-YXNz\"},"
        + "\"s.example\":{\"username\":\"u\",\"password\":\"p\"}}}", List.of(), List.of());
    RegistryAuth.Resolution all = RegistryAuth.resolveAll(creds, CredentialHelpers.in(List.of()));
    assertThat(all.credentials()).isEmpty();
    assertThat(all.warnings()).containsExactly("Failed to resolve credentials from $DOCKER_AUTH_CONFIG:"
        + " auths[\"r.example\"].auth: illegal base64 data at input byte 8; give base64 of user:password, e.g. the output"
        + " of: printf %s 'user:password' | base64 -w0. Credentials from this source will not be used.");
    assertThat(RegistryAuth.resolveAll(RegistryCredentials.of("{\"auths\":{\"r.example\":{\"auth\":\"" + b64("nocolon")
        + "\"}}}", List.of(), List.of()), CredentialHelpers.in(List.of())).warnings().get(0))
        .contains("auths[\"r.example\"].auth: invalid auth configuration file;");
  }

  @Test
  void emptyOrEntrylessConfigsContributeNothingSilently() {
    for (String text : List.of("", "{}", "{\"auths\":{}}", "{\"other\":1}")) {
      RegistryAuth.Resolution all = RegistryAuth.resolveAll(RegistryCredentials.of(text, List.of(), List.of()),
          CredentialHelpers.in(List.of()));
      assertThat(all.credentials()).as(text).isEmpty();
      assertThat(all.warnings()).as(text).isEmpty();
    }
  }

  @Test
  void knowsEverySecretOfTheVariableAndThePayloadWithoutRunningHelpers() {
    String variable = "{\"auths\":{\"r.example\":{\"auth\":\"" + b64("user:pa55") + "\"},"
        + "\"t.example\":{\"identitytoken\":\"idtok\"}}}";
    RegistryCredentials creds = RegistryCredentials.of(variable, List.of(), List.of(GITLAB));
    assertThat(RegistryAuth.knownSecrets(creds)).contains(variable, b64("user:pa55"), "pa55", "idtok", "test_password_3")
        .doesNotContain("user");
    assertThat(creds.toString()).doesNotContain("pa55").doesNotContain(b64("user:pa55"));
  }

  @Test
  void plansCredentialsFromVariablesAndMasksThem() {
    String auth = "{\"auths\":{\"r.example\":{\"auth\":\"" + b64("u:job-level") + "\"}}}";
    JobPlan plan = JobPlanner.plan(JobSpec.builder().service("r.example/db:1")
        .variable("DOCKER_AUTH_CONFIG", auth)
        .variable("CI_REGISTRY", "registry.example.com:5050").variable("CI_JOB_TOKEN", "job-token-123").build(),
        RunnerConfig.builder().environment("DOCKER_AUTH_CONFIG={\"auths\":{}}").dockerConfig(Path.of("/nonexistent")).build());
    RegistryCredentials creds = plan.registryCredentials();
    assertThat(creds.authConfig()).contains(auth);
    assertThat(creds.configFiles()).containsExactly(Path.of("/nonexistent/config.json"));
    assertThat(creds.payload()).singleElement().satisfies(c -> {
      assertThat(c.username()).isEqualTo("gitlab-ci-token");
      assertThat(c.password()).isEqualTo("job-token-123");
      assertThat(c.path()).isEqualTo("registry.example.com:5050");
    });
    assertThat(plan.maskedValues()).contains(auth, "job-token-123");
    assertThat(RegistryAuth.knownSecrets(creds)).contains(auth, "job-level", "job-token-123");
    assertThat(plan.jobVariables()).filteredOn(v -> v.key().equals("DOCKER_AUTH_CONFIG")).allMatch(Variable::masked);
  }

  @Test
  void aJobVariableReplacesTheRunnersWholeAuthConfig() {
    JobPlan plan = JobPlanner.plan(JobSpec.builder().service("redis:7").variable("DOCKER_AUTH_CONFIG", "").build(),
        RunnerConfig.builder().environment("DOCKER_AUTH_CONFIG={\"auths\":{\"r.example\":{\"auth\":\"eDp5\"}}}").build());
    assertThat(plan.registryCredentials().authConfig()).contains("");
  }
}
