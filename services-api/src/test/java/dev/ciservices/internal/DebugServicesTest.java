package dev.ciservices.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciservices.Variable;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DebugServicesTest {
  @ParameterizedTest
  @ValueSource(strings = {"TRUE", "true", "True"})
  void documentedTrueValuesTurnItOn(String value) {
    assertThat(DebugServices.parse(value, false)).isEqualTo(new DebugServices(true, Optional.empty()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"FALSE", "false", "False", ""})
  void documentedFalseValuesAndEmptyTurnItOffSilently(String value) {
    assertThat(DebugServices.parse(value, false)).isEqualTo(new DebugServices(false, Optional.empty()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"blammo", "yes", "trace", "1", "t", "0", "f", " true"})
  void anyOtherValueTurnsItOffWithTheSettingsError(String value) {
    DebugServices setting = DebugServices.parse(value, false);
    assertThat(setting.enabled()).isFalse();
    assertThat(setting.warning())
        .contains("CI_DEBUG_SERVICES: expected bool got \"" + value + "\", using default value: false");
  }

  @Test
  void runnerWithDebugTraceDisabledRefusesIt() {
    assertThat(DebugServices.parse("true", true))
        .isEqualTo(new DebugServices(false, Optional.of("CI_DEBUG_SERVICES: usage is disabled on this Runner")));
  }

  @Test
  void lastVariableWins() {
    List<Variable> variables = List.of(Variable.of("CI_DEBUG_SERVICES", "true"), Variable.of("CI_DEBUG_SERVICES", "False"));
    assertThat(DebugServices.from(variables, false).enabled()).isFalse();
  }
}
