package dev.ciservices.gitlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ciservices.ImageSpec;
import dev.ciservices.JobSpec;
import dev.ciservices.PullPolicy;
import dev.ciservices.ServiceSpec;
import dev.ciservices.Variable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How each supported key of {@code .gitlab-ci.yml} maps to a {@link JobSpec}. */
class GitLabCiFileTest {

  static GitLabCiFile parse(String... lines) {
    return GitLabCiFile.parse(String.join("\n", lines) + "\n", ".gitlab-ci.yml");
  }

  static JobSpec job(String... lines) {
    GitLabCiFile ci = parse(lines);
    return ci.job(ci.jobNames().get(0));
  }

  @Test
  void readsImageServicesVariablesAndScriptsOfTheShortForms() {
    JobSpec job = job(
        "rspec:",
        "  image: ruby:3.3",
        "  services:",
        "    - postgres:16",
        "    - redis:7",
        "  variables:",
        "    RAILS_ENV: test",
        "  before_script: bundle install",
        "  script:",
        "    - bundle exec rspec",
        "  after_script: echo done");

    assertThat(job).isEqualTo(JobSpec.builder()
        .name("rspec")
        .image("ruby:3.3")
        .service(ServiceSpec.of("postgres:16"))
        .service(ServiceSpec.of("redis:7"))
        .variable("RAILS_ENV", "test")
        .beforeScript("bundle install")
        .script("bundle exec rspec")
        .afterScript("echo done")
        .build());
  }

  @Test
  void readsTheImageMapWithItsEntrypoint() {
    JobSpec job = job(
        "test:",
        "  image:",
        "    name: registry.example.com/tools/ruby:3.3",
        "    entrypoint: [\"\"]",
        "  script: make");

    assertThat(job.image()).contains(new ImageSpec("registry.example.com/tools/ruby:3.3", List.of("")));
  }

  @Test
  void readsEveryKeyOfTheServicesTable() {
    JobSpec job = job(
        "test:",
        "  services:",
        "    - name: postgres:16.10",
        "      alias: db, pg",
        "      entrypoint: [\"docker-entrypoint.sh\"]",
        "      command: [\"postgres\", \"-c\", \"fsync=off\"]",
        "      variables:",
        "        POSTGRES_PASSWORD: secret",
        "        PGPORT: 5433",
        "      pull_policy: [if-not-present, always]",
        "    - name: redis:7",
        "      pull_policy: never",
        "      kubernetes: {user: \"1000\"}",
        "      ports: [6379]",
        "  script: make");

    assertThat(job.services()).containsExactly(
        ServiceSpec.builder("postgres:16.10")
            .alias("db, pg")
            .entrypoint("docker-entrypoint.sh")
            .command("postgres", "-c", "fsync=off")
            .variable("POSTGRES_PASSWORD", "secret")
            .variable("PGPORT", "5433")
            .pullPolicy(PullPolicy.IF_NOT_PRESENT, PullPolicy.ALWAYS)
            .build(),
        ServiceSpec.builder("redis:7").pullPolicy(PullPolicy.NEVER).build());
    assertThat(job.services().get(0).aliases()).containsExactly("db", "pg");
  }

  @Test
  void takesNumbersAndBooleansAsStringsAsGitLabsRubyPrintsThem() {
    GitLabCiFile ci = parse(
        "variables:",
        "  FF_NETWORK_PER_BUILD: 1",
        "  DEBUG: true",
        "  RATIO: 0.5",
        "  EMPTY:",
        "  QUOTED: \"1.10\"",
        "test:",
        "  script: make");

    assertThat(ci.job("test").variables()).containsExactly(Variable.of("FF_NETWORK_PER_BUILD", "1"),
        Variable.of("DEBUG", "true"), Variable.of("RATIO", "0.5"), Variable.of("EMPTY", ""),
        Variable.of("QUOTED", "1.10"));
    assertThat(ci.warnings()).isEmpty();
  }

  @Test
  void warnsWhenYaml11ChangesAnUnquotedValue() {
    GitLabCiFile ci = parse(
        "variables:",
        "  GO_VERSION: 1.20",
        "  ENABLED: yes",
        "  MODE: 0755",
        "  AT: 12:30",
        "test:",
        "  script: make",
        "  services:",
        "    - name: postgres:16",
        "      variables:",
        "        PG_FLAG: off");

    assertThat(ci.job("test").variables()).containsExactly(Variable.of("GO_VERSION", "1.2"),
        Variable.of("ENABLED", "true"), Variable.of("MODE", "493"), Variable.of("AT", "750"));
    assertThat(ci.job("test").services().get(0).variables()).containsExactly(Variable.of("PG_FLAG", "false"));
    assertThat(ci.warnings()).containsExactly(
        ".gitlab-ci.yml:2: variables.GO_VERSION: 1.20 is read as the float 1.2 (YAML 1.1, as GitLab reads it); "
            + "quote it, \"1.20\", to keep the text",
        ".gitlab-ci.yml:3: variables.ENABLED: yes is read as the boolean true (YAML 1.1, as GitLab reads it); "
            + "quote it, \"yes\", to keep the text",
        ".gitlab-ci.yml:4: variables.MODE: 0755 is read as the integer 493 (YAML 1.1, as GitLab reads it); "
            + "quote it, \"0755\", to keep the text",
        ".gitlab-ci.yml:5: variables.AT: 12:30 is read as the integer 750 (YAML 1.1, as GitLab reads it); "
            + "quote it, \"12:30\", to keep the text",
        ".gitlab-ci.yml:11: job \"test\": services[0].variables.PG_FLAG: off is read as the boolean false "
            + "(YAML 1.1, as GitLab reads it); quote it, \"off\", to keep the text");
    assertThat(ci.warnings("test")).hasSize(5);
  }

  @Test
  void readsTheVariableMapFormWithValueDescriptionExpandAndOptions() {
    JobSpec job = job(
        "variables:",
        "  DEPLOY_ENV:",
        "    value: staging",
        "    description: Where to deploy",
        "    options: [staging, production]",
        "  PROMPT:",
        "    description: Filled in by hand",
        "  PASSWORD_TEMPLATE:",
        "    value: \"pa$$word\"",
        "    expand: false",
        "  EXPANDED:",
        "    value: $CI_PROJECT_DIR",
        "    expand: true",
        "test:",
        "  script: make");

    assertThat(job.variables()).containsExactly(Variable.of("DEPLOY_ENV", "staging"), Variable.of("PROMPT", ""),
        Variable.of("PASSWORD_TEMPLATE", "pa$$word").withRaw(true), Variable.of("EXPANDED", "$CI_PROJECT_DIR"));
  }

  @Test
  void putsGlobalVariablesBeforeTheJobsSoThatTheJobsWin() {
    JobSpec job = job(
        "variables:",
        "  DB: global",
        "  ONLY_GLOBAL: g",
        "test:",
        "  variables:",
        "    DB: job",
        "  script: make");

    assertThat(job.variables()).containsExactly(Variable.of("DB", "global"), Variable.of("ONLY_GLOBAL", "g"),
        Variable.of("DB", "job"));
  }

  @Test
  void flattensNestedScriptListsAsGitLabDoes() {
    JobSpec job = job(
        ".setup: &setup",
        "  - apt-get update",
        "  - - apt-get install -y make",
        "test:",
        "  before_script:",
        "    - *setup",
        "    - echo ready",
        "  script:",
        "    - |",
        "      make",
        "      make test",
        "    - >-",
        "      folded",
        "      line");

    assertThat(job.beforeScript()).containsExactly("apt-get update", "apt-get install -y make", "echo ready");
    assertThat(job.script()).containsExactly("make\nmake test\n", "folded line");
  }

  @Test
  void appliesDefaultKeysToJobsThatDoNotSetThem() {
    GitLabCiFile ci = parse(
        "default:",
        "  image: ruby:3.3",
        "  services: [postgres:16]",
        "  before_script: [bundle install]",
        "  after_script: [echo after]",
        "  tags: [docker]",
        "  retry: 2",
        "uses-defaults:",
        "  script: rake",
        "overrides:",
        "  image: ruby:3.2",
        "  services: []",
        "  before_script: echo own",
        "  after_script: []",
        "  script: rake",
        "null-is-unset:",
        "  image: null",
        "  services: ~",
        "  script: rake");

    JobSpec defaults = ci.job("uses-defaults");
    assertThat(defaults.image()).contains(ImageSpec.of("ruby:3.3"));
    assertThat(defaults.services()).containsExactly(ServiceSpec.of("postgres:16"));
    assertThat(defaults.beforeScript()).containsExactly("bundle install");
    assertThat(defaults.afterScript()).containsExactly("echo after");

    JobSpec overrides = ci.job("overrides");
    assertThat(overrides.image()).contains(ImageSpec.of("ruby:3.2"));
    assertThat(overrides.services()).isEmpty();
    assertThat(overrides.beforeScript()).containsExactly("echo own");
    assertThat(overrides.afterScript()).isEmpty();

    assertThat(ci.job("null-is-unset").image()).contains(ImageSpec.of("ruby:3.3"));
    assertThat(ci.job("null-is-unset").services()).containsExactly(ServiceSpec.of("postgres:16"));
    assertThat(ci.warnings()).isEmpty();
  }

  @Test
  void takesTheDeprecatedTopLevelKeysAsDefaultsWithDefaultWinning() {
    GitLabCiFile ci = parse(
        "image: ruby:2.7",
        "services: [mysql:8]",
        "before_script: [echo global]",
        "default:",
        "  image: ruby:3.3",
        "test:",
        "  script: rake");

    JobSpec job = ci.job("test");
    assertThat(job.image()).contains(ImageSpec.of("ruby:3.3"));
    assertThat(job.services()).containsExactly(ServiceSpec.of("mysql:8"));
    assertThat(job.beforeScript()).containsExactly("echo global");
    assertThat(ci.warnings()).containsExactly(".gitlab-ci.yml:5: key \"image\" is set both at the top level "
        + "(line 1) and in \"default\"; the one in \"default\" is used");
  }

  @Test
  void honoursInheritForDefaultKeysAndGlobalVariables() {
    GitLabCiFile ci = parse(
        "default:",
        "  image: ruby:3.3",
        "  services: [postgres:16]",
        "  before_script: [bundle install]",
        "variables:",
        "  A: a",
        "  B: b",
        "none:",
        "  inherit:",
        "    default: false",
        "    variables: false",
        "  script: make",
        "some:",
        "  inherit:",
        "    default: [image]",
        "    variables: [B]",
        "  script: make",
        "all:",
        "  inherit:",
        "    default: true",
        "  script: make");

    JobSpec none = ci.job("none");
    assertThat(none.image()).isEmpty();
    assertThat(none.services()).isEmpty();
    assertThat(none.beforeScript()).isEmpty();
    assertThat(none.variables()).isEmpty();

    JobSpec some = ci.job("some");
    assertThat(some.image()).contains(ImageSpec.of("ruby:3.3"));
    assertThat(some.services()).isEmpty();
    assertThat(some.variables()).containsExactly(Variable.of("B", "b"));

    JobSpec all = ci.job("all");
    assertThat(all.services()).containsExactly(ServiceSpec.of("postgres:16"));
    assertThat(all.variables()).containsExactly(Variable.of("A", "a"), Variable.of("B", "b"));
  }

  @Test
  void extendsDeepMergesHashesAndReplacesArrays() {
    JobSpec job = job(
        ".base:",
        "  image: ruby:3.3",
        "  services: [postgres:16, redis:7]",
        "  variables:",
        "    A: base",
        "    B: base",
        "  script: [echo base]",
        "test:",
        "  extends: .base",
        "  services: [postgres:15]",
        "  variables:",
        "    B: test",
        "    C: test");

    assertThat(job.image()).contains(ImageSpec.of("ruby:3.3"));
    assertThat(job.services()).containsExactly(ServiceSpec.of("postgres:15"));
    assertThat(job.variables()).containsExactly(Variable.of("A", "base"), Variable.of("B", "test"),
        Variable.of("C", "test"));
    assertThat(job.script()).containsExactly("echo base");
  }

  @Test
  void extendsAListOfParentsWithLaterParentsWinningAcrossSeveralLevels() {
    GitLabCiFile ci = parse(
        ".ruby:",
        "  image: ruby:3.3",
        "  variables: {LANG_VERSION: \"3.3\", DB: none}",
        ".postgres:",
        "  extends: .db",
        "  services: [postgres:16]",
        "  variables: {DB: postgres}",
        ".db:",
        "  variables: {DB_HOST: localhost}",
        "  before_script: [wait-for-db]",
        "test:",
        "  extends: [.ruby, .postgres]",
        "  script: rake",
        "lint:",
        "  extends: [.postgres, .ruby]",
        "  script: rubocop");

    JobSpec test = ci.job("test");
    assertThat(test.image()).contains(ImageSpec.of("ruby:3.3"));
    assertThat(test.services()).containsExactly(ServiceSpec.of("postgres:16"));
    assertThat(test.beforeScript()).containsExactly("wait-for-db");
    assertThat(test.variables()).containsExactly(Variable.of("LANG_VERSION", "3.3"), Variable.of("DB", "postgres"),
        Variable.of("DB_HOST", "localhost"));
    assertThat(ci.job("lint").variables()).containsExactly(Variable.of("DB_HOST", "localhost"),
        Variable.of("DB", "none"), Variable.of("LANG_VERSION", "3.3"));
    assertThat(ci.jobNames()).containsExactly("test", "lint");
  }

  @Test
  void extendsWithNullRemovesAnInheritedKey() {
    JobSpec job = job(
        "default:",
        "  image: alpine:3.20",
        ".base:",
        "  image: ruby:3.3",
        "  services: [postgres:16]",
        "test:",
        "  extends: .base",
        "  image: null",
        "  services: null",
        "  script: make");

    assertThat(job.image()).contains(ImageSpec.of("alpine:3.20"));
    assertThat(job.services()).isEmpty();
  }

  @Test
  void hidesJobsWhoseNameStartsWithADot() {
    GitLabCiFile ci = parse(
        ".template:",
        "  script: make",
        "build:",
        "  script: make",
        ".just-an-anchor: &x some text",
        "test:",
        "  script: make test");

    assertThat(ci.jobNames()).containsExactly("build", "test");
  }

  @Test
  void appliesAnchorsAndMergeKeysAsGitLabsYamlReaderDoes() {
    GitLabCiFile ci = parse(
        ".pg: &pg",
        "  services: [postgres:16]",
        "  variables: {DB: pg}",
        ".redis: &redis",
        "  services: [redis:7]",
        "  variables: {CACHE: redis}",
        "  image: ruby:3.3",
        "one:",
        "  <<: *pg",
        "  variables: {OWN: yes-it-is}",
        "  script: make",
        "both:",
        "  <<: [*pg, *redis]",
        "  script: make",
        "before:",
        "  image: ruby:2.7",
        "  <<: *redis",
        "  script: make");

    assertThat(ci.job("one").services()).containsExactly(ServiceSpec.of("postgres:16"));
    assertThat(ci.job("one").variables()).containsExactly(Variable.of("OWN", "yes-it-is"));
    assertThat(ci.job("both").services()).containsExactly(ServiceSpec.of("postgres:16"));
    assertThat(ci.job("both").variables()).containsExactly(Variable.of("DB", "pg"));
    assertThat(ci.job("both").image()).contains(ImageSpec.of("ruby:3.3"));
    // Psych merges in order: a merge key after a key overwrites it.
    assertThat(ci.job("before").image()).contains(ImageSpec.of("ruby:3.3"));
  }

  @Test
  void resolvesReferencesFlatteningScriptsAndFollowingNestedReferences() {
    JobSpec job = job(
        ".snippets:",
        "  one:",
        "    - echo ONE",
        "  two:",
        "    - !reference [.snippets, one]",
        "    - echo TWO",
        ".vars:",
        "  variables:",
        "    DB: postgres",
        "    USER: app",
        ".db:",
        "  services:",
        "    - name: postgres:16",
        "      alias: db",
        "test:",
        "  services: !reference [.db, services]",
        "  variables:",
        "    DB: !reference [.vars, variables, DB]",
        "  script:",
        "    - !reference [.snippets, two]",
        "    - echo THREE");

    assertThat(job.script()).containsExactly("echo ONE", "echo TWO", "echo THREE");
    assertThat(job.services()).containsExactly(ServiceSpec.builder("postgres:16").alias("db").build());
    assertThat(job.variables()).containsExactly(Variable.of("DB", "postgres"));
  }

  @Test
  void referencesSeeTheExtendedTemplateAndTheDefaultSection() {
    JobSpec job = job(
        "default:",
        "  before_script: [echo default]",
        ".base:",
        "  script: [echo base]",
        ".child:",
        "  extends: .base",
        "  after_script: [echo after]",
        "test:",
        "  before_script:",
        "    - !reference [default, before_script]",
        "    - echo own",
        "  script: !reference [.child, script]");

    assertThat(job.beforeScript()).containsExactly("echo default", "echo own");
    assertThat(job.script()).containsExactly("echo base");
  }

  @Test
  void ignoresKeysThatDoNotChangeWhatRuns() {
    GitLabCiFile ci = parse(
        "stages: [build, test]",
        "workflow:",
        "  rules:",
        "    - if: $CI_COMMIT_BRANCH",
        "cache:",
        "  paths: [vendor/]",
        "test:",
        "  stage: test",
        "  rules:",
        "    - if: $CI_PIPELINE_SOURCE == \"merge_request_event\"",
        "  artifacts: {paths: [coverage/]}",
        "  cache: {key: gems, paths: [vendor/]}",
        "  needs: []",
        "  dependencies: []",
        "  tags: [docker]",
        "  when: manual",
        "  environment: review",
        "  coverage: '/\\d+%/'",
        "  allow_failure: true",
        "  retry: 2",
        "  timeout: 1h",
        "  interruptible: true",
        "  resource_group: db",
        "  parallel: 3",
        "  script: make");

    assertThat(ci.job("test 1/3").script()).containsExactly("make");
    assertThat(ci.warnings()).isEmpty();
  }

  @Test
  void readsTheDockerPlatformAndUserOfTheImageAndOfServices() {
    GitLabCiFile ci = parse(
        "test:",
        "  image:",
        "    name: ruby:3.3",
        "    docker: {platform: linux/arm64, user: ruby}",
        "  services:",
        "    - name: postgres:16",
        "      docker: {user: postgres, platform: linux/amd64}",
        "  script: make");
    JobSpec job = ci.job("test");
    assertThat(job.image().orElseThrow()).isEqualTo(new ImageSpec("ruby:3.3", List.of(), "ruby", "linux/arm64"));
    assertThat(job.services().get(0).user()).isEqualTo("postgres");
    assertThat(job.services().get(0).platform()).isEqualTo("linux/amd64");
    assertThat(ci.warnings("test")).isEmpty();
  }

  @Test
  void warnsAboutKeysThatChangeWhatRunsButAreNotSupported() {
    GitLabCiFile ci = parse(
        "default:",
        "  hooks:",
        "    pre_get_sources_script: [git config --global http.sslVerify false]",
        "workflow:",
        "  rules:",
        "    - if: $CI_COMMIT_TAG",
        "      variables: {RELEASE: \"true\"}",
        "test:",
        "  image:",
        "    name: ruby:3.3",
        "    docker: {platform: linux/arm64, user: ruby}",
        "    pull_policy: if-not-present",
        "  services:",
        "    - name: postgres:16",
        "      docker: {user: postgres}",
        "  hooks:",
        "    pre_get_sources_script: [echo hook]",
        "  id_tokens:",
        "    VAULT_ID_TOKEN: {aud: https://vault.example.com}",
        "  secrets:",
        "    DATABASE_PASSWORD: {vault: production/db/password@ops}",
        "  parallel:",
        "    matrix:",
        "      - RUBY: [\"3.2\", \"3.3\"]",
        "  rules:",
        "    - if: $CI_COMMIT_BRANCH == \"main\"",
        "      variables: {DEPLOY: \"true\"}",
        "  servics: [redis:7]",
        "  script: make",
        "bridge:",
        "  trigger: group/downstream",
        "steps:",
        "  run:",
        "    - name: hello",
        "      script: echo hello");

    List<String> fileWarnings = List.of(
        ".gitlab-ci.yml:2: key \"default.hooks\" is not supported; hooks:pre_get_sources_script does not run");
    assertThat(ci.warnings("test: [3.2]")).startsWith(fileWarnings.toArray(String[]::new));
    assertThat(ci.warnings("test: [3.3]").subList(1, ci.warnings("test: [3.3]").size())).containsExactly(
        ".gitlab-ci.yml:12: job \"test\": key \"image.pull_policy\" is not supported; the job image is pulled as "
            + "the engine's pull policy says",
        ".gitlab-ci.yml:16: job \"test\": key \"hooks\" is not supported; hooks:pre_get_sources_script does not run",
        ".gitlab-ci.yml:18: job \"test\": key \"id_tokens\" is not supported; the ID token variables are not set",
        ".gitlab-ci.yml:20: job \"test\": key \"secrets\" is not supported; the secrets are not fetched and their "
            + "variables are not set",
        ".gitlab-ci.yml:28: job \"test\": key \"servics\" is not a GitLab CI job keyword (GitLab rejects it); "
            + "it is ignored");
    assertThat(ci.warnings("bridge")).containsExactly(fileWarnings.get(0),
        ".gitlab-ci.yml:31: job \"bridge\": key \"trigger\" is not supported; it starts a downstream pipeline in "
            + "GitLab and runs no script here");
    assertThat(ci.warnings("steps")).endsWith(".gitlab-ci.yml:33: job \"steps\": key \"run\" is not "
        + "supported; its CI/CD steps do not run");
    assertThat(ci.warnings()).startsWith(fileWarnings.toArray(String[]::new)).hasSize(1 + 2 * 5 + 1 + 1);
    assertThat(ci.job("bridge").script()).isEmpty();
  }

  @Test
  void warnsAboutADuplicateKeyAndKeepsTheLastValueAsGitLabDoes() {
    GitLabCiFile ci = parse(
        "test:",
        "  image: ruby:3.2",
        "  script: make",
        "  image: ruby:3.3");

    assertThat(ci.job("test").image()).contains(ImageSpec.of("ruby:3.3"));
    assertThat(ci.warnings()).containsExactly(".gitlab-ci.yml:4: key \"image\" is also written at line 2 of this "
        + "map; the last value wins, as in GitLab");
  }

  @Test
  void readsAFileWithASpecHeader() {
    GitLabCiFile ci = parse(
        "spec:",
        "  inputs:",
        "    db:",
        "      default: postgres:16",
        "---",
        "test:",
        "  services: [\"$[[ inputs.db ]]\"]",
        "  script: make");

    assertThat(ci.job("test").services()).containsExactly(ServiceSpec.of("postgres:16"));
    assertThat(ci.warnings()).isEmpty();
  }

  @Test
  void keepsTheJobsInFileOrder() {
    GitLabCiFile ci = parse(
        "zeta: {script: z}",
        "alpha: {script: a}",
        "variables: {A: a}",
        "middle: {script: m}");

    assertThat(ci.jobNames()).containsExactly("zeta", "alpha", "middle");
    assertThat(ci).hasToString("GitLabCiFile{.gitlab-ci.yml, jobs=[zeta, alpha, middle]}");
    assertThat(ci.source()).isEqualTo(".gitlab-ci.yml");
  }

  @Test
  void readsAFileFromDiskAndNamesItRelativeToTheProjectDirectory(@TempDir Path dir) throws IOException {
    Path ci = dir.resolve("ci/pipeline.yml");
    Files.createDirectories(ci.getParent());
    Files.writeString(ci, "test:\n  script: make\n  services: [5]\n");

    assertThatThrownBy(() -> GitLabCiFile.read(ci, dir))
        .isInstanceOf(GitLabCiException.class)
        .hasMessage("ci/pipeline.yml:3: job \"test\": services[0] must be an image name, not an integer (5); "
            + "e.g. - postgres:16");
    assertThatThrownBy(() -> GitLabCiFile.read(ci))
        .hasMessageStartingWith("pipeline.yml:3: job \"test\": services[0]");
  }

  @Test
  void exposesTheProblemsPartsOnTheException() {
    assertThatThrownBy(() -> parse("test:", "  script: make", "  services:", "    - alias: db"))
        .isInstanceOfSatisfying(GitLabCiException.class, e -> {
          assertThat(e.file()).isEqualTo(".gitlab-ci.yml");
          assertThat(e.line()).isEqualTo(4);
          assertThat(e.job()).contains("test");
          assertThat(e.problem()).isEqualTo("services[0]: \"name\" is missing; a service in map form needs the "
              + "image name, e.g. name: postgres:16");
          assertThat(e).isInstanceOf(dev.ciservices.ServicesException.class);
        });
  }

  @Test
  void flattensAnAnchoredListAndAReferenceInsideServicesAsGitLabComposesThem() {
    JobSpec job = job(
        ".db:",
        "  services:",
        "    - postgres:16",
        "    - name: redis:7",
        "      alias: cache",
        ".extra: &extra-services",
        "  - minio/minio:latest",
        "  - [mailhog/mailhog]",
        "test:",
        "  services:",
        "    - !reference [.db, services]",
        "    - *extra-services",
        "    - elasticsearch:8",
        "  script: make");
    assertThat(job.services()).extracting(ServiceSpec::name)
        .containsExactly("postgres:16", "redis:7", "minio/minio:latest", "mailhog/mailhog", "elasticsearch:8");
    assertThat(job.services().get(1).alias()).isEqualTo("cache");
  }
}
