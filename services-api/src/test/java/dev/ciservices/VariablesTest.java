package dev.ciservices;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VariablesTest {
  private static final List<Variable> SOURCE = List.of(
      Variable.of("NAME", "first"),
      Variable.of("NAME", "last"),
      Variable.of("A", "a-value"),
      Variable.of("EMPTY", ""));

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
      "$NAME|last",
      "${NAME}|last",
      "x$NAME.y|xlast.y",
      "$NAMEX|''",
      "$$|$",
      "$$NAME|$NAME",
      "${}|''",
      "a${}b|ab",
      "${A:-b}|''",
      "${A}|a-value",
      "$/dsa|$/dsa",
      "cost: 5$|cost: 5$",
      "$*$#$@$!$?$0$9|''",
      "$1abc|abc",
      "${1}x|x",
      "${NAME|NAME",
      "$UNDEFINED-x|-x",
      "plain|plain",
      "$ NAME|$ NAME",
  })
  void expandsLikeGoOsExpandWithTheRunnersLookup(String text, String expected) {
    assertThat(Variables.expand(text, SOURCE)).isEqualTo(expected);
  }

  @Test
  void dashIsLookedUpAsAVariableName() {
    assertThat(Variables.expand("$-", List.of(Variable.of("NAME", "x")))).isEmpty();
  }

  @Test
  void expandsOnceSoChainsDeeperThanOneLevelStayLiteral() {
    List<Variable> expanded = Variables.expandAll(List.of(
        Variable.secret("DB_PASSWORD", "s3cret"),
        Variable.of("DB_URL", "postgres://user:$DB_PASSWORD@host/db"),
        Variable.of("CONN", "$DB_URL")));
    assertThat(expanded.get(1).value()).isEqualTo("postgres://user:s3cret@host/db");
    assertThat(expanded.get(2).value()).isEqualTo("postgres://user:$DB_PASSWORD@host/db");
  }

  @Test
  void leavesRawVariablesAlone() {
    List<Variable> expanded = Variables.expandAll(List.of(
        Variable.of("HOME_DIR", "/root"), Variable.of("RAW", "$HOME_DIR").withRaw(true)));
    assertThat(expanded.get(1).value()).isEqualTo("$HOME_DIR");
  }
}
