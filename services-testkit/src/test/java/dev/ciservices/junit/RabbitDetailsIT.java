package dev.ciservices.junit;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import dev.ciservices.details.RabbitDetails;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * RabbitMQ's details, injected from the image's environment, used by the RabbitMQ Java client: the
 * image's default user (guest, from another host than the broker's) and the user, password and
 * virtual host that {@code RABBITMQ_DEFAULT_*} create. {@code HEALTHCHECK_TCP_PORT=5672}: the image
 * exposes epmd's 4369 too, as the official one does, and GitLab's health check (any of the exposed
 * ports) would pass on it seconds before the broker accepts AMQP connections.
 */
@Service(name = "rabbitmq:3", alias = "broker", ports = 5672, variables = "HEALTHCHECK_TCP_PORT=5672")
@Service(name = "rabbitmq:3", alias = "shopbroker", ports = 5672,
    variables = {"RABBITMQ_DEFAULT_USER=shop", "RABBITMQ_DEFAULT_PASS=p@ss:w/rd 1", "RABBITMQ_DEFAULT_VHOST=shop",
        "HEALTHCHECK_TCP_PORT=5672"})
class RabbitDetailsIT {
  @ServiceAlias("broker")
  static RabbitDetails broker;
  @ServiceAlias("shopbroker")
  static RabbitDetails shop;

  @Test
  void theDefaultsAreGuestOnTheRootVirtualHost() throws Exception {
    assertThat(broker.username()).isEqualTo("guest");
    assertThat(broker.password()).isEqualTo("guest");
    assertThat(broker.virtualHost()).isEqualTo("/");
    assertThat(broker.uri().toString()).matches("amqp://guest:guest@127\\.0\\.0\\.1:\\d+/%2F");
    ConnectionFactory factory = new ConnectionFactory();
    factory.setUri(broker.uri());
    assertThat(roundTrip(factory, "orders")).isEqualTo("hello from guest");
  }

  @Test
  void theVariablesCreateTheUserAndVirtualHost() throws Exception {
    assertThat(shop.uri().toString()).matches("amqp://shop:p%40ss%3Aw%2Frd%201@127\\.0\\.0\\.1:\\d+/shop");
    ConnectionFactory factory = new ConnectionFactory();
    factory.setHost(shop.endpoint().host());
    factory.setPort(shop.endpoint().port());
    factory.setUsername(shop.username());
    factory.setPassword(shop.password());
    factory.setVirtualHost(shop.virtualHost());
    assertThat(roundTrip(factory, "invoices")).isEqualTo("hello from shop");
    // the URI says the same, encoded
    ConnectionFactory byUri = new ConnectionFactory();
    byUri.setUri(shop.uri());
    try (Connection c = byUri.newConnection()) {
      assertThat(c.isOpen()).isTrue();
    }
  }

  /** Declares a queue, publishes a message to it and gets it back. */
  private static String roundTrip(ConnectionFactory factory, String queue) throws Exception {
    try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
      channel.queueDeclare(queue, false, false, true, null);
      String text = "hello from " + factory.getUsername();
      channel.basicPublish("", queue, null, text.getBytes(StandardCharsets.UTF_8));
      GetResponse got = null;
      for (int i = 0; i < 50 && got == null; i++) {
        got = channel.basicGet(queue, true);
        if (got == null) {
          Thread.sleep(100);
        }
      }
      if (got == null) {
        throw new AssertionError("no message on " + queue + " after 5 s");
      }
      return new String(got.getBody(), StandardCharsets.UTF_8);
    }
  }
}
