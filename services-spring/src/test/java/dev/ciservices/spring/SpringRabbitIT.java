package dev.ciservices.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciservices.RunningServices;
import dev.ciservices.junit.Service;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.amqp.RabbitConnectionDetails;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Configuration;

/**
 * Spring AMQP with no spring.rabbitmq.* properties: the RabbitTemplate reaches the broker, as the
 * user and on the virtual host that RABBITMQ_DEFAULT_* created, through the RabbitConnectionDetails
 * bean services-spring registers. HEALTHCHECK_TCP_PORT=5672 waits for AMQP rather than epmd's 4369.
 */
@SpringBootTest(classes = SpringRabbitIT.RabbitApp.class)
@Service(name = "rabbitmq:3", alias = "broker",
    variables = {"RABBITMQ_DEFAULT_USER=app", "RABBITMQ_DEFAULT_PASS=app-pw", "RABBITMQ_DEFAULT_VHOST=orders",
        "HEALTHCHECK_TCP_PORT=5672"})
class SpringRabbitIT {
  @Autowired
  RabbitTemplate rabbit;
  @Autowired
  AmqpAdmin admin;
  @Autowired
  RabbitConnectionDetails details;
  @Autowired
  RunningServices services;

  @Test
  void rabbitTemplateSendsAndReceivesThroughTheBroker() {
    admin.declareQueue(new Queue("greetings", false, false, true));
    rabbit.convertAndSend("greetings", "hello");
    assertThat(rabbit.receiveAndConvert("greetings", 5_000)).isEqualTo("hello");
  }

  @Test
  void theDetailsAreTheVariablesAndThePublishedPort() {
    assertThat(details.getUsername()).isEqualTo("app");
    assertThat(details.getPassword()).isEqualTo("app-pw");
    assertThat(details.getVirtualHost()).isEqualTo("orders");
    assertThat(details.getFirstAddress().port())
        .isEqualTo(services.service("broker").endpoint(5672).orElseThrow().port());
  }

  /** Auto-configuration without a DataSource: this test has no database. */
  @Configuration(proxyBeanMethods = false)
  @EnableAutoConfiguration(exclude = DataSourceAutoConfiguration.class)
  static class RabbitApp {}
}
