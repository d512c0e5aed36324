package dev.ciservices.gitlab.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code rules:if} with GitLab's grammar; the examples are the documentation's. */
class RuleExpressionTest {
  private static final Map<String, String> VARS = Map.of(
      "CI_COMMIT_BRANCH", "main",
      "CI_PIPELINE_SOURCE", "push",
      "CI_COMMIT_REF_NAME", "Release/1.2",
      "EMPTY", "",
      "VARIABLE1", "content here",
      "VARIABLE2", "something",
      "VARIABLE3", "yes",
      "PATTERN", "/^release\\/.*$/i",
      "NOT_A_PATTERN", "release",
      "MULTI", "first\nsecond");

  private static boolean eval(String expression) throws Exception {
    return RuleExpression.parse(expression).evaluate(VARS::get);
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource(delimiterString = " -> ", quoteCharacter = '`', value = {
      "$CI_COMMIT_BRANCH == \"main\" -> true",
      "$CI_COMMIT_BRANCH == 'main' -> true",
      "\"main\" == $CI_COMMIT_BRANCH -> true",
      "$CI_COMMIT_BRANCH != \"main\" -> false",
      "$CI_PIPELINE_SOURCE == \"merge_request_event\" -> false",
      "$UNDEFINED == null -> true",
      "$EMPTY == null -> false",
      "$EMPTY == \"\" -> true",
      "$UNDEFINED != null -> false",
      "$CI_COMMIT_BRANCH -> true",
      "$EMPTY -> false",
      "$UNDEFINED -> false",
      "$VARIABLE1 =~ /^content.*/ -> true",
      "$VARIABLE1 !~ /^content.*/ -> false",
      "$UNDEFINED =~ /.*/ -> false",
      "$UNDEFINED !~ /.*/ -> true",
      "$CI_COMMIT_REF_NAME =~ /^release/ -> false",
      "$CI_COMMIT_REF_NAME =~ /^release/i -> true",
      "$CI_COMMIT_REF_NAME =~ /1\\.2$/ -> true",
      "$CI_COMMIT_REF_NAME =~ $PATTERN -> true",
      "$CI_COMMIT_REF_NAME =~ $NOT_A_PATTERN -> false",
      "$MULTI =~ /^second$/ -> false",
      "$MULTI =~ /^second$/m -> true",
      "$MULTI =~ /first.second/s -> true",
      "$VARIABLE1 =~ /^content.*/ && $VARIABLE2 == \"something\" -> true",
      "($VARIABLE1 =~ /^content.*/ || $VARIABLE2 =~ /thing$/) && $VARIABLE3 -> true",
      "$VARIABLE1 =~ /nope/ || $VARIABLE2 =~ /thing$/ && $UNDEFINED -> false",
      "$VARIABLE2 =~ /thing$/ && $UNDEFINED || $VARIABLE3 -> true",
      "$CI_COMMIT_BRANCH == $UNDEFINED -> false",
      "$CI_COMMIT_BRANCH==\"main\"&&$CI_PIPELINE_SOURCE==\"push\" -> true",
      "null -> false",
      "\"\" -> false",
      "\"x\" -> true",
  })
  void evaluatesAsGitLabDoes(String expression, boolean expected) throws Exception {
    assertThat(eval(expression)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "$A = \"x\"|unexpected \"= \"x\"\"",
      "$A ==|the expression ends too early",
      "($A == \"x\"|a parenthesis is not closed",
      "$A == \"x\")|unexpected )",
      "\"unclosed|unexpected \"\"unclosed\"",
      "$A =~ /(/|invalid pattern /(/: Unclosed group",
      "$A $B|unexpected $B",
      "$A == 'x' and $B|unexpected \"and $B\"",
  })
  void rejectsWhatIsNotAnExpression(String expression, String detail) {
    assertThatThrownBy(() -> RuleExpression.parse(expression)).isInstanceOf(RuleExpression.SyntaxError.class)
        .hasMessage(detail);
  }

  @Property(tries = 300)
  void noTextMakesTheParserThrowAnythingButItsSyntaxError(@ForAll String text) {
    try {
      RuleExpression.parse(text).evaluate(VARS::get);
    } catch (RuleExpression.SyntaxError expected) {
      // the documented failure
    }
  }
}
