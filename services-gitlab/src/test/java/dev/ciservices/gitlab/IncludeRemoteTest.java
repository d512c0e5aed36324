package dev.ciservices.gitlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.ciservices.JobSpec;
import dev.ciservices.ServiceSpec;
import dev.ciservices.Variables;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** remote, project, template and component includes against a local server answering GitLab's API paths. */
class IncludeRemoteTest {
  private static final String TOKEN = "glpat-test-token-1234";

  @TempDir
  Path dir;

  private HttpServer server;
  private final Map<String, String> files = new ConcurrentHashMap<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final List<String> tokens = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      String target = exchange.getRequestURI().getRawPath()
          + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
      requests.add(target);
      String token = exchange.getRequestHeaders().getFirst("PRIVATE-TOKEN");
      tokens.add(token == null ? "" : token);
      String body = files.get(target);
      int status = body == null ? 404 : target.startsWith("/api/") && !TOKEN.equals(token) ? 401 : 200;
      byte[] bytes = (status == 200 ? body : "{\"message\":\"" + status + "\"}").getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private Path main(String... lines) throws IOException {
    Path file = dir.resolve(".gitlab-ci.yml");
    Files.writeString(file, String.join("\n", lines) + "\n");
    return file;
  }

  private void serveAll() {
    files.put("/api/v4/projects/gitlab-com%2Fsec%2Foidc-modules/repository/files/templates%2Fgcp_auth.yaml/raw?ref=3.4.0",
        ".google-oidc:auth:\n  image: google/cloud-sdk:slim\n  before_script: [gcloud auth login]\n");
    files.put("/api/v4/projects/gitlab-com%2Fsec%2Foidc-modules/repository/files/templates%2Fextra.yml/raw?ref=3.4.0",
        "extra:\n  script: [echo extra]\n");
    files.put("/api/v4/templates/gitlab_ci_ymls/Jobs%2FSAST",
        "{\"name\":\"SAST\",\"content\":\"sast:\\n  image: semgrep:3\\n  script: [/analyzer run]\\n\"}");
    files.put("/api/v4/projects/components%2Fdb/repository/files/templates%2Fpostgres.yml/raw?ref=1.2.0",
        String.join("\n",
            "spec:",
            "  inputs:",
            "    stage:",
            "      default: test",
            "    version:",
            "      type: number",
            "    job-name:",
            "      default: db-test",
            "      options: [db-test, db-check]",
            "---",
            "$[[ inputs.job-name ]]:",
            "  stage: $[[ inputs.stage ]]",
            "  services: [\"postgres:$[[ inputs.version ]]\"]",
            "  variables:",
            "    PG_MAJOR: $[[ inputs.version ]]",
            "  script: [psql -c 'select 1']",
            ""));
    files.put("/remote/ci.yml", "lint:\n  script: [make lint]\n");
  }

  private String[] allKinds() {
    return new String[] {
        "include:",
        "  - project: gitlab-com/sec/oidc-modules",
        "    ref: 3.4.0",
        "    file: [templates/gcp_auth.yaml, templates/extra.yml]",
        "  - template: Jobs/SAST.gitlab-ci.yml",
        "  - component: $CI_SERVER_FQDN/components/db/postgres@1.2.0",
        "    inputs:",
        "      version: 16",
        "      stage: verify",
        "  - remote: " + url() + "/remote/ci.yml",
        "deploy:",
        "  extends: .google-oidc:auth",
        "  script: [gcloud deploy]",
        "sast:",
        "  variables: {SAST_EXCLUDED_PATHS: spec}",
        "stages: [build, verify, test, deploy]",
    };
  }

  @Test
  void everyKindIsFetchedThroughTheApiWithTheTokenAndInputs() throws IOException {
    serveAll();
    GitLabCiFile ci = GitLabCiFile.read(main(allKinds()), IncludeOptions.gitlab(url()).withToken(TOKEN));
    assertThat(ci.warnings()).isEmpty();
    assertThat(ci.missingIncludes()).isEmpty();
    assertThat(ci.jobNames()).containsExactly("extra", "sast", "db-test", "lint", "deploy");
    assertThat(ci.job("deploy").image().orElseThrow().name()).isEqualTo("google/cloud-sdk:slim");
    assertThat(ci.job("deploy").beforeScript()).containsExactly("gcloud auth login");
    assertThat(ci.job("sast").script()).containsExactly("/analyzer run");
    JobSpec db = ci.job("db-test");
    assertThat(ci.stage("db-test")).isEqualTo("verify");
    assertThat(db.services()).containsExactly(ServiceSpec.of("postgres:16"));
    assertThat(Variables.lastValue("PG_MAJOR", db.variables())).isEqualTo("16");
    assertThat(tokens.subList(0, 4)).containsOnly(TOKEN);
    assertThat(requests).contains("/remote/ci.yml");
    assertThat(tokens.get(requests.indexOf("/remote/ci.yml"))).isEmpty();
  }

  @Test
  void aComponentAtLatestOrAPartialVersionIsTheHighestReleaseOfItsProject() throws IOException {
    serveAll();
    files.put("/api/v4/projects/components%2Fdb/releases?per_page=100",
        "[{\"tag_name\":\"1.1.0\"},{\"tag_name\":\"2.0.0-rc1\"},{\"tag_name\":\"1.2.0\"},{\"tag_name\":\"0.9.0\"}]");
    for (String version : List.of("~latest", "1", "1.2")) {
      GitLabCiFile ci = GitLabCiFile.read(main("include:", "  - component: example.com/components/db/postgres@" + version,
          "    inputs: {version: 16}"), IncludeOptions.gitlab(url()).withToken(TOKEN));
      assertThat(ci.missingIncludes()).as(version).isEmpty();
      assertThat(ci.job("db-test").services()).as(version).containsExactly(ServiceSpec.of("postgres:16"));
    }
    assertThat(requests).contains("/api/v4/projects/components%2Fdb/releases?per_page=100");

    GitLabCiFile none = GitLabCiFile.read(main("include:", "  - component: example.com/components/db/postgres@3",
        "    inputs: {version: 16}", "other:", "  script: [echo ok]"), IncludeOptions.gitlab(url()).withToken(TOKEN));
    assertThat(none.jobNames()).containsExactly("other");
    assertThat(none.warnings()).singleElement().asString().endsWith("include[0]: component"
        + " \"example.com/components/db/postgres@3\" could not be read: no release of components/db matches version"
        + " \"3\" (its releases: 1.1.0, 2.0.0-rc1, 1.2.0, 0.9.0); give a released version, e.g. @1.1.0; the jobs that"
        + " need it are reported, the others are planned");
  }

  @Test
  void theCacheServesOfflineAndAnEmptyCacheReportsTheIncludes() throws IOException {
    serveAll();
    Path cache = dir.resolve("cache");
    Path file = main(allKinds());
    GitLabCiFile.read(file, IncludeOptions.gitlab(url()).withToken(TOKEN).withCache(cache));
    server.stop(0);
    int before = requests.size();
    GitLabCiFile offline = GitLabCiFile.read(file, IncludeOptions.gitlab(url()).withCache(cache).offline(true));
    assertThat(requests).hasSize(before);
    assertThat(offline.jobNames()).containsExactly("extra", "sast", "db-test", "lint", "deploy");
    assertThat(offline.warnings()).isEmpty();

    GitLabCiFile cold = GitLabCiFile.read(file, IncludeOptions.gitlab(url()).withCache(dir.resolve("empty"))
        .offline(true));
    assertThat(cold.missingIncludes()).hasSize(5).first().isEqualTo("include project \"gitlab-com/sec/oidc-modules\""
        + " file \"templates/gcp_auth.yaml\" (ref 3.4.0) that could not be read: --offline, and it is not in the cache");
  }

  @Test
  void aMissingIncludeIsReportedOnceAndOnlyTheJobsThatNeedItFail() throws IOException {
    Path file = main(
        "include:",
        "  - project: gitlab-com/sec/oidc-modules",
        "    ref: 3.4.0",
        "    file: templates/gcp_auth.yaml",
        ".sign:",
        "  extends: .google-oidc:auth",
        "  stage: release",
        "release:",
        "  extends: .sign",
        "  script: [sign]",
        "test:",
        "  image: ruby:3.3",
        "  script: [rspec]",
        "sast:",
        "  variables: {SAST_EXCLUDED_PATHS: spec}");
    GitLabCiFile ci = GitLabCiFile.read(file, IncludeOptions.gitlab(url()).withToken(TOKEN));
    assertThat(ci.jobNames()).containsExactly("release", "test", "sast");
    assertThat(ci.job("test").image().orElseThrow().name()).isEqualTo("ruby:3.3");
    assertThat(ci.warnings("test")).containsExactly(".gitlab-ci.yml:2: include[0]: project"
        + " \"gitlab-com/sec/oidc-modules\" file \"templates/gcp_auth.yaml\" (ref 3.4.0) could not be read: HTTP 404: no"
        + " such project, file or ref (or the token cannot see it); the jobs that need it are reported, the others are"
        + " planned");
    assertThatThrownBy(() -> ci.job("release")).isInstanceOf(GitLabCiException.class)
        .hasMessage(".gitlab-ci.yml:6: job \"release\": extends \".sign\", which extends \".google-oidc:auth\", which"
            + " comes from include project \"gitlab-com/sec/oidc-modules\" file \"templates/gcp_auth.yaml\" (ref 3.4.0)"
            + " that could not be read: HTTP 404: no such project, file or ref (or the token cannot see it)");
    assertThat(ci.job("sast").script()).isEmpty();
    assertThat(ci.warnings("sast")).last().isEqualTo(".gitlab-ci.yml:14: job \"sast\": the job sets no script:, run:"
        + " or trigger: here; it probably overrides a job of include project \"gitlab-com/sec/oidc-modules\" file"
        + " \"templates/gcp_auth.yaml\" (ref 3.4.0) that could not be read: HTTP 404: no such project, file or ref (or the"
        + " token cannot see it), so it is planned without a script");
  }

  @Test
  void withoutATokenTheApiSaysSoAndNoTokenIsEverPrinted() throws IOException {
    serveAll();
    GitLabCiFile ci = GitLabCiFile.read(main("include:", "  - template: Jobs/SAST.gitlab-ci.yml", "test:",
        "  script: [x]"), IncludeOptions.gitlab(url()));
    assertThat(ci.missingIncludes()).containsExactly("include template \"Jobs/SAST.gitlab-ci.yml\" that could not be"
        + " read: HTTP 401: it needs a token; give --token, GITLAB_TOKEN or CI_JOB_TOKEN");
    GitLabCiFile wrong = GitLabCiFile.read(main("include:", "  - template: Jobs/SAST.gitlab-ci.yml", "test:",
        "  script: [x]"), IncludeOptions.gitlab(url()).withToken("glpat-wrong-token-999"));
    assertThat(String.join("\n", wrong.warnings())).contains("HTTP 401: the token cannot read it")
        .doesNotContain("glpat-wrong-token-999");
    assertThat(IncludeOptions.gitlab(url()).withToken(TOKEN).toString()).doesNotContain(TOKEN);
  }

  @Test
  void anInstanceThatCannotBeReachedIsNamedWithTheReason() throws IOException {
    URI closed = url();
    server.stop(0);
    GitLabCiFile ci = GitLabCiFile.read(main("include:", "  - template: Jobs/SAST.gitlab-ci.yml", "test:",
        "  script: [x]"), IncludeOptions.gitlab(closed));
    assertThat(ci.missingIncludes()).containsExactly("include template \"Jobs/SAST.gitlab-ci.yml\" that could not be"
        + " read: cannot reach " + closed + ": no connection (ConnectException: refused, unreachable, or no network"
        + " here)");
    assertThat(ci.job("test").script()).containsExactly("x");
  }

  @Test
  void localOnlyReadsNoOtherIncludeAndSaysWhy() throws IOException {
    GitLabCiFile ci = GitLabCiFile.read(main("include:", "  - template: Jobs/SAST.gitlab-ci.yml", "test:",
        "  script: [x]"));
    assertThat(ci.missingIncludes()).containsExactly("include template \"Jobs/SAST.gitlab-ci.yml\" that could not be"
        + " read: only local includes are read without a GitLab instance; give --gitlab-url (or CI_SERVER_URL)");
    assertThat(requests).isEmpty();
  }

  @Test
  void badInputsFailWithGitLabsTextsFileAndLine() throws IOException {
    serveAll();
    IncludeOptions options = IncludeOptions.gitlab(url()).withToken(TOKEN);
    String component = "  - component: example/components/db/postgres@1.2.0";
    assertThatThrownBy(() -> GitLabCiFile.read(main("include:", component, "    inputs: {version: 16, colour: red}",
        "test:", "  script: [x]"), options))
        .hasMessage(".gitlab-ci.yml:3: project components/db@1.2.0:templates/postgres.yml: unknown input arguments:"
            + " colour");
    assertThatThrownBy(() -> GitLabCiFile.read(main("include:", component, "    inputs: {version: sixteen}",
        "test:", "  script: [x]"), options))
        .hasMessage(".gitlab-ci.yml:3: project components/db@1.2.0:templates/postgres.yml: `version` input: provided"
            + " value is not a number");
    assertThatThrownBy(() -> GitLabCiFile.read(main("include:", component, "    inputs: {stage: x}",
        "test:", "  script: [x]"), options))
        .hasMessage(".gitlab-ci.yml:2: project components/db@1.2.0:templates/postgres.yml: `version` input: required"
            + " value has not been provided");
    assertThatThrownBy(() -> GitLabCiFile.read(main("include:", component, "    inputs: {version: 16, job-name: x}",
        "test:", "  script: [x]"), options))
        .hasMessage(".gitlab-ci.yml:3: project components/db@1.2.0:templates/postgres.yml: `job-name` input: `x` cannot"
            + " be used because it is not in the list of allowed options");
  }

  @Test
  void aFetchedIncludeIsHeldToTheSameLimitsAsALocalFile() throws IOException {
    files.put("/remote/big.yml", "big:\n  script: [\"" + "x".repeat(3 * 1024 * 1024) + "\"]\n");
    assertThatThrownBy(() -> GitLabCiFile.read(main("include:", "  - remote: " + url() + "/remote/big.yml",
        "test:", "  script: [x]"), IncludeOptions.gitlab(url())))
        .isInstanceOf(GitLabCiException.class)
        .hasMessageContaining("include[0]")
        .hasMessageContaining("more than GitLab's limit of 2097152 bytes");

    files.put("/remote/deep.yml", "deep: " + "[".repeat(150) + "]".repeat(150) + "\n");
    assertThatThrownBy(() -> GitLabCiFile.read(main("include:", "  - remote: " + url() + "/remote/deep.yml",
        "test:", "  script: [x]"), IncludeOptions.gitlab(url())))
        .isInstanceOf(GitLabCiException.class)
        .hasMessageContaining("levels deep");
  }

  @Test
  void aCachedIncludeThatIsTooLargeIsHeldToTheLimitToo() throws IOException {
    Path cache = dir.resolve("cache");
    files.put("/remote/ci.yml", "lint:\n  script: [make lint]\n");
    Path file = main("include:", "  - remote: " + url() + "/remote/ci.yml", "test:", "  script: [x]");
    GitLabCiFile.read(file, IncludeOptions.gitlab(url()).withCache(cache));
    try (var listing = Files.list(cache)) {
      for (Path cached : listing.toList()) {
        Files.writeString(cached, "lint:\n  script: [\"" + "x".repeat(3 * 1024 * 1024) + "\"]\n");
      }
    }
    assertThatThrownBy(() -> GitLabCiFile.read(file, IncludeOptions.gitlab(url()).withCache(cache).offline(true)))
        .isInstanceOf(GitLabCiException.class)
        .hasMessageContaining("more than GitLab's limit of 2097152 bytes");
  }
}
