package io.parley.notification.presence;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.parley.kernel.amqp.BrokerConnection;
import io.parley.notification.job.NotificationProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps the presence records up to date from query-api's presence fanout exchange, through the durable queue
 * {@code <prefix>.presence} that every instance of this service shares (so a change is applied once, and changes
 * published while this service is down wait for it). The exchange is declared here too, as query-api declares it,
 * so it exists whichever service starts first. Manual acks after the record is written; an unreadable message is
 * dropped, a failed write is handed back after a pause.
 */
@Component
@EnableConfigurationProperties(PresenceProperties.class)
class PresenceConsumer implements BrokerConnection.Listener {

    private static final Logger log = LoggerFactory.getLogger(PresenceConsumer.class);
    private static final int PREFETCH = 50;
    private static final long PAUSE_AFTER_FAILURE_MILLIS = 1_000;

    private final PresenceDirectory presence;
    private final JsonMapper json;
    private final String exchange;
    private final String queue;
    private Channel channel;

    PresenceConsumer(PresenceDirectory presence, JsonMapper json, PresenceProperties properties,
                     NotificationProperties notifications) {
        this.presence = presence;
        this.json = json;
        this.exchange = properties.exchange();
        this.queue = notifications.prefix() + ".presence";
    }

    String queue() {
        return queue;
    }

    @Override
    public synchronized void connected(Connection connection) throws IOException {
        Channel opened = connection.createChannel();
        opened.exchangeDeclare(exchange, BuiltinExchangeType.FANOUT, true, false, Map.of());
        opened.queueDeclare(queue, true, false, false, Map.of());
        opened.queueBind(queue, exchange, "");
        opened.basicQos(PREFETCH);
        opened.basicConsume(queue, false, "parley-presence", new Changes(opened));
        channel = opened;
        log.info("Consuming presence from {} through {}", exchange, queue);
    }

    @Override
    public synchronized void stopping() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException | TimeoutException | RuntimeException e) {
                // closing anyway with the connection; unacked changes go back to the queue
            }
            channel = null;
        }
    }

    private final class Changes extends DefaultConsumer {

        Changes(Channel channel) {
            super(channel);
        }

        @Override
        public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties, byte[] body)
                throws IOException {
            PresenceChange change;
            try {
                change = json.readValue(body, PresenceChange.class);
            } catch (JacksonException e) {
                change = null;
            }
            if (change == null || change.userId() == null || change.changedAt() == null) {
                log.warn("Dropped an unreadable presence message from {}", exchange);
                getChannel().basicReject(envelope.getDeliveryTag(), false);
                return;
            }
            try {
                presence.apply(change);
                getChannel().basicAck(envelope.getDeliveryTag(), false);
            } catch (RuntimeException e) {
                log.warn("Could not record the presence of user {} ({}); trying again", change.userId(),
                        e.getClass().getSimpleName());
                pause();
                getChannel().basicNack(envelope.getDeliveryTag(), false, true);
            }
        }

        private void pause() {
            try {
                TimeUnit.MILLISECONDS.sleep(PAUSE_AFTER_FAILURE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
