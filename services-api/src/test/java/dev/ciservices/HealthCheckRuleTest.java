package dev.ciservices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HealthCheckRuleTest {
  @Test
  void firstHealthcheckTcpPortOfAnyCaseWinsOverExposedPorts() {
    HealthCheckRule rule = HealthCheckRule.fromEnvironment(
        List.of("PATH=/bin", "healthcheck_tcp_port=8080", "HEALTHCHECK_TCP_PORT=9090"));
    assertThat(rule.ports(List.of(5432, 80))).containsExactly(8080);
    assertThat(rule.describe()).isEqualTo("HEALTHCHECK_TCP_PORT 8080");
  }

  @Test
  void otherwiseChecksTheLowestTwentyExposedPorts() {
    HealthCheckRule rule = HealthCheckRule.fromEnvironment(List.of("A=b"));
    List<Integer> exposed = IntStream.rangeClosed(1, 30).map(i -> 10_000 - i).boxed().toList();
    assertThat(rule.ports(exposed)).hasSize(20).first().isEqualTo(9970);
    assertThat(rule.ports(exposed)).last().isEqualTo(9989);
    assertThat(rule.ports(List.of())).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "", "80 ", "0x50", "1_000", "٨٠", "0", "-1", "65536", "99999999999"})
  void rejectsValuesThatAreNotTcpPortsWithGitLabsMessage(String value) {
    assertThatThrownBy(() -> HealthCheckRule.parsePort(value))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid health check tcp port: " + value);
  }

  @Test
  void acceptsASignLikeGo() {
    assertThat(HealthCheckRule.parsePort("+5432")).isEqualTo(5432);
  }
}
