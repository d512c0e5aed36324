package dev.ciservices.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class AliasPolicyTest {
  private static final String SUBDOMAIN_MESSAGE = "a lowercase RFC 1123 subdomain must consist of lower case"
      + " alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character"
      + " (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

  @Test
  void splitsOnCommasAndWhiteSpaceKeepingOrderAndDuplicates() {
    assertThat(AliasPolicy.split("db, pg")).containsExactly("db", "pg");
    assertThat(AliasPolicy.split("db postgres db")).containsExactly("db", "postgres", "db");
    assertThat(AliasPolicy.split(" ,a,,b\t c ")).containsExactly("a", "b", "c");
    assertThat(AliasPolicy.split(" , ")).isEmpty();
    // Go's strings.Fields splits on every Unicode space, the no-break space included
    assertThat(AliasPolicy.split("db\u00a0pg\u3000x")).containsExactly("db", "pg", "x");
    assertThat(AliasPolicy.split("a\u001fb")).containsExactly("a\u001fb");
  }

  @Test
  void userAliasesComeAfterTheDefaultsAndNeverReplaceThem() {
    assertThat(AliasPolicy.candidates("my-postgres:11.7", List.of("db", "postgres", "pg")))
        .containsExactly("my-postgres", "db", "postgres", "pg");
  }

  @Test
  void kubernetesNamesOneAliasPerService() {
    assertThat(AliasPolicy.kubernetesContainerNames(List.of(List.of("alpine"), List.of("mysql"))))
        .containsExactly("alpine", "mysql");
  }

  @Test
  void kubernetesFallsBackToSvcWhenTheAliasIsTaken() {
    assertThat(AliasPolicy.kubernetesContainerNames(List.of(List.of("mysql"), List.of("mysql"))))
        .containsExactly("mysql", "svc-0");
  }

  @Test
  void kubernetesTakesTheFirstFreeAliasOfSeveral() {
    assertThat(AliasPolicy.kubernetesContainerNames(List.of(
        List.of("alpine", "alpine-latest"), List.of("alpine", "alpine-edge", "alpine-latest"))))
        .containsExactly("alpine", "alpine-edge");
    assertThat(AliasPolicy.kubernetesContainerNames(List.of(
        List.of("alpine", "alpine-edge"), List.of("alpine", "alpine-edge"), List.of("alpine", "alpine-edge"))))
        .containsExactly("alpine", "alpine-edge", "svc-0");
  }

  @Test
  void kubernetesFallbackNumbersCountOnlyFallbacks() {
    List<String> abc = List.of("alpine", "foo", "bar");
    assertThat(AliasPolicy.kubernetesContainerNames(List.of(abc, abc, abc, abc)))
        .containsExactly("alpine", "foo", "bar", "svc-0");
    // the runner's "merge services" case: config [alias, -, -, -, alias5] + job [test-alias]
    assertThat(AliasPolicy.kubernetesContainerNames(List.of(List.of("alias"), List.of(), List.of(), List.of(),
        List.of("alias5"), List.of("test-alias"))))
        .containsExactly("alias", "svc-0", "svc-1", "svc-2", "alias5", "test-alias");
  }

  @Test
  void kubernetesSkipsInvalidLabelsSilentlyButMarksThemUsed() {
    assertThat(AliasPolicy.kubernetesContainerNames(List.of(List.of("my_db", "db.local", "Db", "db"), List.of("db"))))
        .containsExactly("db", "svc-0");
  }

  @Test
  void labelProblemsUseKubernetesMessages() {
    assertThat(AliasPolicy.dns1123LabelProblem("db.local")).contains("must not contain dots");
    assertThat(AliasPolicy.dns1123LabelProblem("x".repeat(64))).contains("must be no more than 63 characters");
    assertThat(AliasPolicy.dns1123LabelProblem("pg_db")).contains("a lowercase RFC 1123 label must consist of lower"
        + " case alphanumeric characters or '-', and must start and end with an alphanumeric character"
        + " (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')");
    assertThat(AliasPolicy.dns1123LabelProblem("pg-db")).isEmpty();
    assertThat(AliasPolicy.suggestLabel("PG_DB")).isEqualTo("pg-db");
  }

  @Test
  void kubernetesHostAliasErrorHasTheDocumentedText() {
    assertThat(AliasPolicy.hostAliasProblem("alpine_edge", "alpine:edge"))
        .contains("provided host alias alpine_edge for service alpine:edge is invalid DNS. " + SUBDOMAIN_MESSAGE);
    assertThatThrownBy(() -> AliasPolicy.kubernetesHostAliases("test-service", List.of("INVALID_ALIAS")))
        .hasMessage("provided host alias INVALID_ALIAS for service test-service is invalid DNS. " + SUBDOMAIN_MESSAGE);
  }

  @Test
  void kubernetesHostAliasesDropTheUnderscoreDefaultSilently() {
    assertThat(AliasPolicy.kubernetesHostAliases("tutum/wordpress:latest", List.of("wp")))
        .containsExactly("tutum-wordpress", "wp");
  }

  @Test
  void skippingAliasWarningHasGitLabsText() {
    assertThat(AliasPolicy.skippingAliasWarning("alpine", "alpine:3.14.2", 1))
        .isEqualTo("Skipping alias \"alpine\" for service \"alpine:3.14.2\" (services[1]):"
            + " alias is already in use by another service.");
  }
}
