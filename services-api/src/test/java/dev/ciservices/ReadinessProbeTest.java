package dev.ciservices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReadinessProbeTest {
  @Test
  void parsesTheNamesUsersWrite() {
    assertThat(ReadinessProbe.parse("published-port", "--readiness")).isEqualTo(ReadinessProbe.PUBLISHED_PORT);
    assertThat(ReadinessProbe.parse(" CONTAINER_ADDRESS ", "--readiness")).isEqualTo(ReadinessProbe.CONTAINER_ADDRESS);
    assertThat(ReadinessProbe.parse("auto", "--readiness")).isEqualTo(ReadinessProbe.AUTO);
    assertThat(ReadinessProbe.PUBLISHED_PORT.optionName()).isEqualTo("published-port");
  }

  @Test
  void anUnknownNameIsOneLineNamingWhereItCameFrom() {
    assertThatThrownBy(() -> ReadinessProbe.parse("ports", "-Dciservices.readiness"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("-Dciservices.readiness: unknown readiness probe \"ports\"; use one of auto, container-address,"
            + " published-port");
  }
}
