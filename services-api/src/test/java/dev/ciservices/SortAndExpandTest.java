package dev.ciservices;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** GitLab's server-side expansion ({@code sort_and_expand_all}), with the documentation's examples. */
class SortAndExpandTest {
  private static Map<String, String> values(Variables.Expanded expanded) {
    return expanded.variables().stream()
        .collect(Collectors.toMap(Variable::key, Variable::value, (a, b) -> b, java.util.LinkedHashMap::new));
  }

  /** docs "Use CI/CD variables in other variables": {@code LS_CMD: 'ls "$FLAGS" $$TMP_DIR'}. */
  @Test
  void documentationExampleVariableInAnotherVariableKeepsTheEscapedDollarForTheRunner() {
    Variables.Expanded expanded = Variables.sortAndExpand(List.of(
        Variable.of("FLAGS", "-al"),
        Variable.of("LS_CMD", "ls \"$FLAGS\" $$TMP_DIR")));
    assertThat(values(expanded)).containsEntry("LS_CMD", "ls \"-al\" $$TMP_DIR");
    assertThat(Variables.expandAll(expanded.variables()).get(1).value()).isEqualTo("ls \"-al\" $TMP_DIR");
  }

  /** docs "Prevent CI/CD variable expansion": {@code VAR3: {value: "value3 $VAR1", expand: false}}. */
  @Test
  void documentationExampleExpandFalseKeepsTheValue() {
    Variables.Expanded expanded = Variables.sortAndExpand(List.of(
        Variable.of("VAR1", "value1"),
        Variable.of("VAR2", "value2 $VAR1"),
        Variable.of("VAR3", "value3 $VAR1").withRaw(true)));
    assertThat(values(expanded)).containsExactly(Map.entry("VAR1", "value1"), Map.entry("VAR2", "value2 value1"),
        Map.entry("VAR3", "value3 $VAR1"));
  }

  @Test
  void resolvesChainsOfAnyDepthWhateverTheOrder() {
    Variables.Expanded expanded = Variables.sortAndExpand(List.of(
        Variable.of("IMG", "postgres:$B"),
        Variable.of("B", "${A}"),
        Variable.of("A", "%C%"),
        Variable.of("C", "16")));
    assertThat(values(expanded)).containsExactly(Map.entry("IMG", "postgres:16"), Map.entry("B", "16"),
        Map.entry("A", "16"), Map.entry("C", "16"));
    assertThat(expanded.cycleError()).isEmpty();
  }

  @Test
  void keepsUndefinedFileAndRawReferencesForTheRunner() {
    Variables.Expanded expanded = Variables.sortAndExpand(List.of(
        Variable.of("CONFIG", "x").withFile(true),
        Variable.of("RAW", "$NOPE").withRaw(true),
        Variable.of("USES", "$CI_PROJECT_DIR/backend $CONFIG $RAW ${NOPE} %NOPE% %% $1 ${}")));
    assertThat(values(expanded)).containsEntry("USES", "$CI_PROJECT_DIR/backend $CONFIG $RAW ${NOPE} %NOPE% %% $1 ${}");
  }

  @Test
  void theLastVariableOfAKeyIsTheOneReferredTo() {
    Variables.Expanded expanded = Variables.sortAndExpand(List.of(
        Variable.of("USER", "global"),
        Variable.of("URL", "postgres://$USER@db"),
        Variable.of("USER", "job")));
    assertThat(expanded.variables().get(1).value()).isEqualTo("postgres://job@db");
  }

  @Test
  void secretValuesAreExpandedIntoTheVariablesThatReferToThem() {
    Variables.Expanded expanded = Variables.sortAndExpand(List.of(
        Variable.secret("DB_PASSWORD", "s3cret"),
        Variable.of("DB_URL", "postgres://user:$DB_PASSWORD@host/db"),
        Variable.of("CONN", "$DB_URL")));
    assertThat(expanded.variables().get(2).value()).isEqualTo("postgres://user:s3cret@host/db");
    assertThat(expanded.variables().get(2).isPublic()).isTrue();
  }

  @Test
  void aSelfReferenceIsKeptAndIsNoCycle() {
    Variables.Expanded expanded = Variables.sortAndExpand(List.of(Variable.of("PATH", "$PATH:/opt/bin")));
    assertThat(expanded.variables().get(0).value()).isEqualTo("$PATH:/opt/bin");
    assertThat(expanded.cycleError()).isEmpty();
  }

  @Test
  void aCycleLeavesEveryValueUnexpandedAndIsNamed() {
    Variables.Expanded expanded = Variables.sortAndExpand(List.of(
        Variable.of("OK", "1"),
        Variable.of("USES_OK", "$OK"),
        Variable.of("A", "$B"),
        Variable.of("B", "${C}"),
        Variable.of("C", "$A")));
    assertThat(expanded.cycleError()).contains("circular variable reference detected: [\"A\", \"B\", \"C\"]");
    assertThat(expanded.variables().get(1).value()).isEqualTo("$OK");
  }

  @Test
  void aLongChainDoesNotOverflowTheCycleSearch() {
    List<Variable> chain = new java.util.ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      chain.add(Variable.of("V" + i, i == 1999 ? "end" : "$V" + (i + 1)));
    }
    assertThat(Variables.sortAndExpand(chain).variables().get(0).value()).isEqualTo("end");
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
      "$A|a",
      "${A}|a",
      "%A%|a",
      "x$A.y|xa.y",
      "$AB|$AB",
      "$$A|$$A",
      "%%A%|%%A%",
      "100%|100%",
      "${A:-b}|${A:-b}",
  })
  void referenceSyntaxIsGitLabs(String text, String expected) {
    Variables.Expanded expanded = Variables.sortAndExpand(List.of(Variable.of("A", "a"), Variable.of("T", text)));
    assertThat(expanded.variables().get(1).value()).isEqualTo(expected);
  }
}
