package dev.ciservices.gitlab;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every way a file can fail, each with its exact message: file, line, job, problem and fix. */
class GitLabCiErrorsTest {

  private static void fails(String message, String... lines) {
    assertThatThrownBy(() -> GitLabCiFileTest.parse(lines))
        .isInstanceOf(GitLabCiException.class)
        .hasMessage(message);
  }

  @Test
  void unknownJobListsTheJobs() {
    GitLabCiFile ci = GitLabCiFileTest.parse("test: {script: make}", ".base: {script: make}", "lint: {script: make}");

    assertThatThrownBy(() -> ci.job("tset"))
        .isInstanceOf(GitLabCiException.class)
        .hasMessage(".gitlab-ci.yml: no job \"tset\"; the jobs are \"test\", \"lint\"");
    assertThatThrownBy(() -> ci.warnings("tset")).hasMessage(".gitlab-ci.yml: no job \"tset\"; the jobs are \"test\", "
        + "\"lint\"");
    assertThatThrownBy(() -> ci.job(".base"))
        .hasMessage(".gitlab-ci.yml: \".base\" is a hidden job (its name starts with a dot), which GitLab never runs; "
            + "the jobs are \"test\", \"lint\"");
  }

  @Test
  void aServiceInMapFormNeedsAName() {
    fails(".gitlab-ci.yml:5: job \"test\": services[1]: \"name\" is missing; a service in map form needs the image "
            + "name, e.g. name: postgres:16",
        "test:",
        "  script: make",
        "  services:",
        "    - redis:7",
        "    - alias: db",
        "      command: [postgres]");
  }

  @Test
  void anImageInMapFormNeedsAName() {
    fails(".gitlab-ci.yml:3: job \"test\": default.image: \"name\" is missing; an image in map form needs the image "
            + "name, e.g. name: ruby:3.3",
        "default:",
        "  image:",
        "    entrypoint: [\"\"]",
        "test:",
        "  script: make");
  }

  @Test
  void aServiceWithAnUnknownKey() {
    fails(".gitlab-ci.yml:5: job \"test\": services[0]: unknown key \"aliases\"; a service takes name, alias, "
            + "entrypoint, command, variables, pull_policy, docker and kubernetes",
        "test:",
        "  script: make",
        "  services:",
        "    - name: postgres:16",
        "      aliases: db");
  }

  @Test
  void extendsCycleListsTheChain() {
    fails(".gitlab-ci.yml:8: job \".c\": extends: circular chain .a -> .b -> .c -> .a; remove one of these extends",
        "test:",
        "  extends: .a",
        "  script: make",
        ".a:",
        "  extends: .b",
        ".b:",
        "  extends: [.c]",
        ".c: {extends: .a}");
  }

  @Test
  void extendsOfItself() {
    fails(".gitlab-ci.yml:2: job \"test\": extends: circular chain test -> test; remove one of these extends",
        "test:",
        "  extends: test",
        "  script: make");
  }

  @Test
  void extendsMissingParentNamesItAndTheCandidates() {
    fails(".gitlab-ci.yml:5: job \"test\": extends: \".rubby\" is not defined; the jobs and templates are \".ruby\", "
            + "\"test\"",
        ".ruby:",
        "  image: ruby:3.3",
        "test:",
        "  extends:",
        "    - .rubby",
        "  script: make");
  }

  @Test
  void extendsAParentThatIsNotAMap() {
    fails(".gitlab-ci.yml:3: job \"test\": extends: \".scripts\" is a list, not a map of job keywords",
        ".scripts: [make]",
        "test:",
        "  extends: .scripts",
        "  script: make");
  }

  @Test
  void extendsNestedTooDeeply() {
    StringBuilder yaml = new StringBuilder("test:\n  extends: .t1\n  script: make\n");
    for (int i = 1; i <= 11; i++) {
      yaml.append(".t").append(i).append(":\n").append(i < 11 ? "  extends: .t" + (i + 1) + "\n" : "  image: a\n");
    }
    assertThatThrownBy(() -> GitLabCiFile.parse(yaml.toString(), ".gitlab-ci.yml"))
        .hasMessage(".gitlab-ci.yml:23: job \".t10\": extends: nesting too deep: test -> .t1 -> .t2 -> .t3 -> .t4 -> "
            + ".t5 -> .t6 -> .t7 -> .t8 -> .t9 -> .t10 is more than 10 levels; GitLab allows 10");
  }

  @Test
  void extendsOfTheWrongType() {
    fails(".gitlab-ci.yml:2: job \"test\": extends must be a job name or a list of job names, not a map; e.g. "
            + "extends: .tests",
        "test:",
        "  extends: {name: .base}",
        "  script: make");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
      services: 5                 | services must be a list of images or maps with name:, not an integer (5); e.g. services: [postgres:16]
      services: postgres:16       | services must be a list of images or maps with name:, not a string ("postgres:16"); e.g. services: [postgres:16]
      services: [[redis:7, 5]]    | services[1] must be an image name, not an integer (5); e.g. - postgres:16
      services: [""]              | services[0] is empty; give an image name, e.g. - postgres:16
      image: 5                    | image must be an image name, not an integer (5); e.g. image: ruby:3.3
      image: [ruby]               | image must be an image name or a map with name:, not a list; e.g. image: ruby:3.3
      image: {name: ruby, entrypoint: /bin/sh} | image.entrypoint must be a list of strings, not a string ("/bin/sh"); e.g. ["/bin/bash"]
      variables: [A, B]           | variables must be a map of names to values, not a list; e.g. variables: {POSTGRES_DB: test}
      variables: {A: [1, 2]}      | variables.A must be a string or a map with value:, not a list; e.g. A: "value"
      variables: {A: {value: x, masked: true}} | variables.A: unknown key "masked"; a variable takes value, description, expand and options
      variables: {A: {value: [x]}} | variables.A.value must be a string, not a list; e.g. value: "test"
      variables: {A: {value: x, expand: "no"}} | variables.A.expand must be true or false, not a string ("no"); write true or false without quotes
      variables: {a-b: x}         | variables: variable key "a-b" is invalid: a key may hold only letters, digits and '_'; use "a_b"
      before_script: 42           | before_script must be a string or a list of strings, not an integer (42); quote it: "42"
      after_script: [true]        | after_script[0] must be a string, not a boolean (true); quote it: "true"
      inherit: false              | inherit must be a map with default: and variables:, not a boolean (false); e.g. inherit: {default: false}
      inherit: {default: maybe}   | inherit.default must be true, false or a list of names, not a string ("maybe"); e.g. inherit: default: false
      inherit: {defaults: false}  | inherit: unknown key "defaults"; inherit takes default and variables
      services: [{name: pg, alias: 5}] | services[0].alias must be a string, not an integer (5); e.g. alias: db
      services: [{name: pg, pull_policy: sometimes}] | services[0].pull_policy: unsupported pull policy: "sometimes"; use one of always, if-not-present, never
      services: [{name: pg, pull_policy: {a: b}}] | services[0].pull_policy must be a string or a list of strings, not a map; e.g. [always, if-not-present]
      services: [{name: pg, command: ["--port", 5432]}] | services[0].command[1] must be a string, not an integer (5432); quote it: "5432"
      services: [{name: pg, variables: {PGPORT: [1]}}] | services[0].variables.PGPORT must be a string or a map with value:, not a list; e.g. PGPORT: "value"
      """)
  void reportsAValueOfTheWrongTypeWithItsPathAndAFix(String line, String problem) {
    fails(".gitlab-ci.yml:3: job \"test\": " + problem, "test:", "  script: make", "  " + line);
  }

  @Test
  void aScriptThatIsAMapMostOftenMissesQuotes() {
    fails(".gitlab-ci.yml:2: job \"test\": script must be a string or a list of strings, not a map; a command "
            + "holding \": \" must be quoted, e.g. - 'echo \"key: value\"'",
        "test:",
        "  script: {a: b}");
    fails(".gitlab-ci.yml:4: job \"test\": script[1] must be a string, not a map; a command holding \": \" must be "
            + "quoted, e.g. - 'echo \"key: value\"'",
        "test:",
        "  script:",
        "    - make",
        "    - echo Status: done");
  }

  @Test
  void aProblemInADefaultKeyIsReportedWhereItIsWrittenForTheJobUsingIt() {
    fails(".gitlab-ci.yml:3: job \"test\": default.services[0] must be an image name, not an integer (5); "
            + "e.g. - postgres:16",
        "default:",
        "  services:",
        "    - [5]",
        "test:",
        "  script: make");
  }

  @Test
  void aProblemInATemplateIsReportedWhereItIsWritten() {
    fails(".gitlab-ci.yml:3: job \"test\": services[0]: \"name\" is missing; a service in map form needs the image "
            + "name, e.g. name: postgres:16",
        ".db:",
        "  services:",
        "    - alias: db",
        "test:",
        "  extends: .db",
        "  script: make");
  }

  @Test
  void anUnresolvableReferenceNamesTheMissingKeyAndTheKeysThere() {
    fails(".gitlab-ci.yml:6: job \"test\": !reference [.setup, script] could not be found: \".setup\" has no key "
            + "\"script\"; its keys are \"before_script\", \"variables\"",
        ".setup:",
        "  before_script: [bundle install]",
        "  variables: {A: a}",
        "test:",
        "  script:",
        "    - !reference [.setup, script]");
    fails(".gitlab-ci.yml:2: job \"test\": !reference [.nope, script] could not be found: the top level has no key "
            + "\".nope\"; its keys are \"test\"",
        "test:",
        "  script: !reference [.nope, script]");
    fails(".gitlab-ci.yml:3: job \"test\": !reference [.a, script, first] could not be found: \".a.script\" is a "
            + "list, not a map with the key \"first\"",
        ".a: {script: [make]}",
        "test:",
        "  script: !reference [.a, script, first]");
  }

  @Test
  void aReferenceInsideAReferencedValueThatCannotBeFound() {
    fails(".gitlab-ci.yml:3: job \".two\": !reference [.one, script] could not be found: \".one\" has no key "
            + "\"script\"; its keys are \"image\"",
        ".one: {image: a}",
        ".two:",
        "  script: [!reference [.one, script]]",
        "test:",
        "  script: !reference [.two, script]");
  }

  @Test
  void aCircularReference() {
    fails(".gitlab-ci.yml:2: job \".a\": !reference [.b, script] is part of a circular chain: "
            + "!reference [.b, script] -> !reference [.a, script] -> !reference [.b, script]",
        ".a:",
        "  script: [!reference [.b, script]]",
        ".b:",
        "  script: [!reference [.a, script]]",
        "test:",
        "  script: make");
  }

  @Test
  void aReferenceMustBeAList() {
    fails(".gitlab-ci.yml:2: !reference needs a list of keys, e.g. !reference [.setup, script]",
        "test:",
        "  script: !reference .setup.script");
    fails(".gitlab-ci.yml:2: !reference [] names no key; name a job and its keys, e.g. !reference [.setup, script]",
        "test:",
        "  script: !reference []");
    fails(".gitlab-ci.yml:2: a key of !reference must be a name, not a list, e.g. !reference [.setup, script]",
        "test:",
        "  script: !reference [[.setup], script]");
  }

  @Test
  void includeLocalNeedsAProjectDirectory() {
    fails(".gitlab-ci.yml:1: include: local file \"ci/test.yml\" cannot be read without a project directory; read "
            + "the file with GitLabCiFile.read(Path)",
        "include: ci/test.yml",
        "test: {script: make}");
  }

  @Test
  void invalidYamlNamesTheLine() {
    fails(".gitlab-ci.yml:4: invalid YAML: expected ',' or ']', but got : (while parsing a flow sequence at line 3)",
        "test:",
        "  script: make",
        "  services: [postgres:16",
        "  image: ruby");
    fails(".gitlab-ci.yml:3: invalid YAML: mapping values are not allowed here",
        "test:",
        "  script: make",
        "  image: ruby: 3.3");
    fails(".gitlab-ci.yml:2: invalid YAML: found character '\\t(TAB)' that cannot start any token. (Do not use "
            + "\\t(TAB) for indentation) (while scanning for the next token)",
        "test:",
        "\tscript: make");
    fails(".gitlab-ci.yml:2: invalid YAML: found undefined alias base",
        "test:",
        "  <<: *base",
        "  script: make");
    fails(".gitlab-ci.yml:3: invalid YAML: found unexpected end of stream (while scanning a quoted scalar at line 2)",
        "test:",
        "  script: \"make");
  }

  @Test
  void theFileMustHoldJobs() {
    fails(".gitlab-ci.yml: the file is empty; GitLab needs at least one job, e.g. test: {script: [make test]}",
        "# nothing yet");
    fails(".gitlab-ci.yml: jobs config should contain at least one visible job",
        "variables: {A: a}",
        ".hidden: {script: make}");
    fails(".gitlab-ci.yml:1: the file must be a map of jobs and keywords, not a list; e.g. test: {script: [make test]}",
        "- test");
    fails(".gitlab-ci.yml:1: job \"test\": a job must be a map of keywords, not a string (\"make\"); e.g. test: "
            + "{script: [make test]}",
        "test: make");
    fails(".gitlab-ci.yml:1: job \"build\": jobs:build config should implement the script:, run:, or trigger: keyword",
        "build:",
        "  image: ruby:3.3");
    fails(".gitlab-ci.yml:3: the file holds 2 YAML documents; GitLab reads one, or a spec: header, ---, and one",
        "test: {script: make}",
        "---",
        "lint: {script: make}");
  }

  @Test
  void yamlThatGitLabCannotRead() {
    fails(".gitlab-ci.yml:1: unknown YAML tag !include; GitLab CI knows only !reference and the standard tags such "
            + "as !!str",
        "test: !include other.yml");
    fails(".gitlab-ci.yml:1: an alias refers to the anchor it is inside, a recursive structure GitLab cannot read; copy "
            + "the values instead",
        "test: &t {script: make, again: *t}");
    fails(".gitlab-ci.yml:1: a key must be a name, not a list; write the key as text",
        "[a, b]: {script: make}");
  }
  @Test
  void limitsHowDeeplyScriptsNestAndHowManyCommandsTheyExpandTo() {
    fails(".gitlab-ci.yml:2: job \"test\": script[0][0][0][0][0][0][0][0][0][0] nests lists more than 10 levels deep; "
            + "GitLab allows 10",
        "test:",
        "  script: " + "[".repeat(11) + "make" + "]".repeat(11));

    StringBuilder laughs = new StringBuilder(".l0: &l0 [a, b, c, d, e, f, g, h, i, j]\n");
    for (int i = 1; i <= 9; i++) {
      laughs.append(".l").append(i).append(": &l").append(i).append(" [")
          .append(String.join(", ", java.util.Collections.nCopies(10, "*l" + (i - 1)))).append("]\n");
    }
    laughs.append("test:\n  script: *l9\n");
    assertThatThrownBy(() -> GitLabCiFile.parse(laughs.toString(), ".gitlab-ci.yml"))
        .hasMessage(".gitlab-ci.yml: with its aliases expanded the configuration holds more than 200000 values, the"
            + " limit (GitLab limits a configuration's parsed size too); use fewer nested aliases, or smaller shared"
            + " values");
  }

  @Test
  void yamlNestedTooDeeplyToRead() {
    assertThatThrownBy(() -> GitLabCiFile.parse("test: " + "[".repeat(300) + "]".repeat(300), "deep.yml"))
        .hasMessage("deep.yml:1: the values nest more than 100 levels deep, GitLab's limit (max_yaml_depth); flatten"
            + " them");
    assertThatThrownBy(() -> GitLabCiFile.parse("test: " + "[".repeat(500_000) + "]".repeat(500_000), "deep.yml"))
        .hasMessage("deep.yml:1: the values nest more than 100 levels deep, GitLab's limit (max_yaml_depth); flatten"
            + " them");
  }
}
