package io.parley.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import com.rabbitmq.client.PossibleAuthenticationFailureException;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.MessageProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedAmqpBrokerTest {

    @TempDir
    Path dataDir;

    @Test
    void persistentMessages_surviveARestart_onTheSameOrAnotherPort() throws Exception {
        try (EmbeddedAmqpBroker broker = EmbeddedAmqpBroker.start(dataDir, freePort());
             Connection connection = connect(broker.uri(), "guest");
             Channel channel = connection.createChannel()) {
            channel.queueDeclare("kept", true, false, false, Map.of());
            channel.confirmSelect();
            channel.basicPublish("", "kept", MessageProperties.PERSISTENT_TEXT_PLAIN, "job".getBytes(StandardCharsets.UTF_8));
            channel.waitForConfirmsOrDie(5_000);
        }
        try (EmbeddedAmqpBroker broker = EmbeddedAmqpBroker.start(dataDir, freePort());
             Connection connection = connect(broker.uri(), "guest");
             Channel channel = connection.createChannel()) {
            GetResponse kept = channel.basicGet("kept", true);
            assertThat(kept).isNotNull();
            assertThat(new String(kept.getBody(), StandardCharsets.UTF_8)).isEqualTo("job");
        }
    }

    @Test
    void rabbitMqOnlyArguments_areIgnored_insteadOfClosingTheChannel() throws Exception {
        try (EmbeddedAmqpBroker broker = EmbeddedAmqpBroker.start(dataDir, freePort());
             Connection connection = connect(broker.uri(), "guest");
             Channel channel = connection.createChannel()) {
            channel.queueDeclare("work", true, false, false,
                    Map.of("x-dead-letter-exchange", "", "x-dead-letter-routing-key", "dead", "x-message-ttl", 1000));

            assertThat(channel.isOpen()).isTrue();
            assertThat(channel.queueDeclarePassive("work").getMessageCount()).isZero();
        }
    }

    @Test
    void itTakesTheGuestLoginOfItsUri_andRefusesAWrongPassword() throws Exception {
        try (EmbeddedAmqpBroker broker = EmbeddedAmqpBroker.start(dataDir, freePort())) {
            assertThat(broker.uri()).isEqualTo("amqp://guest:guest@127.0.0.1:" + broker.port() + "/");
            assertThatThrownBy(() -> connect(broker.uri(), "wrong").close())
                    .isInstanceOf(PossibleAuthenticationFailureException.class);
        }
    }

    private static Connection connect(String uri, String password) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(uri);
        factory.setVirtualHost("/");
        factory.setPassword(password);
        return factory.newConnection("local-stack-test");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
