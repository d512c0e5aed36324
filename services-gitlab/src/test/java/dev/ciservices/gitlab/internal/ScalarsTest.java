package dev.ciservices.gitlab.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciservices.gitlab.internal.YScalar.Kind;
import java.math.BigInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Plain scalars get the types and texts that GitLab's YAML 1.1 reader (Ruby's Psych) gives them. */
class ScalarsTest {
  private static final Loc LOC = new Loc("t.yml", 1);

  @ParameterizedTest(name = "{0} -> {1} {2}")
  @CsvSource(delimiter = '|', quoteCharacter = '\'', emptyValue = "", textBlock = """
      ''                    | NULL   | ''
      ~                     | NULL   | ''
      null                  | NULL   | ''
      NULL                  | NULL   | ''
      true                  | BOOL   | true
      True                  | BOOL   | true
      yes                   | BOOL   | true
      ON                    | BOOL   | true
      false                 | BOOL   | false
      no                    | BOOL   | false
      Off                   | BOOL   | false
      y                     | STRING | y
      n                     | STRING | n
      ono                   | STRING | ono
      NO_PROXY              | STRING | NO_PROXY
      1                     | INT    | 1
      +1                    | INT    | 1
      -0                    | INT    | 0
      010                   | INT    | 8
      0755                  | INT    | 493
      08                    | STRING | 08
      0x1F                  | INT    | 31
      0b101                 | INT    | 5
      1_000                 | INT    | 1000
      '1,000'               | INT    | 1000
      123456789012345678901 | INT    | 123456789012345678901
      1:30                  | INT    | 90
      1:30:00               | INT    | 5400
      -1:30                 | INT    | -90
      1:30.5                | FLOAT  | 90.5
      1.10                  | FLOAT  | 1.1
      1.0                   | FLOAT  | 1.0
      1.                    | FLOAT  | 1.0
      .5                    | FLOAT  | 0.5
      09.5                  | FLOAT  | 9.5
      -1.5                  | FLOAT  | -1.5
      1.5e+3                | FLOAT  | 1500.0
      1000000000000000.0    | FLOAT  | 1000000000000000.0
      10000000000000000.0   | FLOAT  | 1.0e+16
      0.0001                | FLOAT  | 0.0001
      0.00001               | FLOAT  | 1.0e-05
      123456789.125         | FLOAT  | 123456789.125
      .inf                  | FLOAT  | Infinity
      -.Inf                 | FLOAT  | -Infinity
      .NaN                  | FLOAT  | NaN
      1e3                   | STRING | 1e3
      1.0e3                 | STRING | 1.0e3
      3.x                   | STRING | 3.x
      v1.2                  | STRING | v1.2
      1.2.3                 | STRING | 1.2.3
      0.0.0.0               | STRING | 0.0.0.0
      .                     | STRING | .
      2024-01-15            | STRING | 2024-01-15
      2024-01-15 10:00:00   | STRING | 2024-01-15 10:00:00
      :symbol               | STRING | :symbol
      postgres:16           | STRING | postgres:16
      """)
  void typesPlainScalarsAsPsychDoes(String text, Kind kind, String value) {
    YScalar scalar = Scalars.plain(text, LOC);

    assertThat(scalar.kind()).isEqualTo(kind);
    assertThat(scalar.value()).isEqualTo(value);
    assertThat(scalar.text()).isEqualTo(text);
  }

  @Property(tries = 3000)
  void neverThrowsAndGivesConsistentValues(@ForAll String text) {
    YScalar scalar = Scalars.plain(text, LOC);

    switch (scalar.kind()) {
      case STRING -> assertThat(scalar.value()).isEqualTo(text);
      case NULL -> assertThat(scalar.value()).isEmpty();
      case BOOL -> assertThat(scalar.value()).isIn("true", "false");
      case INT -> assertThat(new BigInteger(scalar.value())).isNotNull();
      case FLOAT -> assertThat(scalar.value()).matches("-?(\\d+\\.\\d+(e[-+]\\d{2,})?|Infinity|NaN)");
    }
  }

  @Property(tries = 2000)
  void printsFloatsAsRubyDoesAndBackToTheSameValue(@ForAll double d) {
    String printed = Scalars.rubyFloat(d);

    if (Double.isFinite(d)) {
      assertThat(Double.parseDouble(printed)).isEqualTo(d);
      assertThat(printed).contains(".");
    }
  }
}
