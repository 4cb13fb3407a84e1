package io.parley.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import com.rabbitmq.client.PossibleAuthenticationFailureException;
import com.rabbitmq.client.BuiltinExchangeType;
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
        // In a Berkeley DB JE environment (its log files, *.jdb), not Derby (docs/benchmarks.md, the push benchmark).
        try (Stream<Path> files = Files.walk(dataDir.resolve("amqp"))) {
            assertThat(files.map(file -> file.getFileName().toString())).anyMatch(name -> name.endsWith(".jdb"))
                    .noneMatch(name -> name.equals("derby.log") || name.equals("service.properties"));
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
    void fanoutExchanges_reachEveryServerNamedExclusiveQueue_asQueryApiUsesThem() throws Exception {
        try (EmbeddedAmqpBroker broker = EmbeddedAmqpBroker.start(dataDir, freePort());
             Connection connection = connect(broker.uri(), "guest");
             Channel first = connection.createChannel();
             Channel second = connection.createChannel()) {
            first.exchangeDeclare("parley.live.presence", BuiltinExchangeType.FANOUT, true);
            String firstQueue = first.queueDeclare().getQueue();
            String secondQueue = second.queueDeclare().getQueue();
            first.queueBind(firstQueue, "parley.live.presence", "");
            second.queueBind(secondQueue, "parley.live.presence", "");
            first.confirmSelect();

            first.basicPublish("parley.live.presence", "", MessageProperties.PERSISTENT_TEXT_PLAIN,
                    "{\"online\":true}".getBytes(StandardCharsets.UTF_8));
            first.waitForConfirmsOrDie(5_000);

            assertThat(firstQueue).isNotEqualTo(secondQueue);
            GetResponse toFirst = first.basicGet(firstQueue, true);
            GetResponse toSecond = second.basicGet(secondQueue, true);
            assertThat(toFirst).isNotNull();
            assertThat(toSecond).isNotNull();
            assertThat(new String(toSecond.getBody(), StandardCharsets.UTF_8)).isEqualTo("{\"online\":true}");
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
