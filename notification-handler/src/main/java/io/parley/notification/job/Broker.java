package io.parley.notification.job;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ShutdownSignalException;
import io.parley.kernel.amqp.BrokerConnection;

/**
 * The one connection to RabbitMQ (see {@link BrokerConnection}: started in the background, recovered
 * automatically), with the notification topology declared on it. Publishing goes through one channel in confirm
 * mode: a batch of messages is published, then the broker's confirms are awaited once for all of them, and the call
 * returns only once the broker has confirmed every one (persisted, for our durable queues) and routed it to a queue.
 */
final class Broker extends BrokerConnection {

    /** Before Axon's processors (which publish) and the workers start; stopped after them. */
    static final int PHASE = -1_000;
    private static final String CONNECTION_NAME = "parley-notification-handler";

    private final NotificationProperties.BrokerSettings settings;
    private final Object publishLock = new Object();
    /** The routing key of a message the broker returned (routed to no queue) since the batch began, or null. */
    private volatile String returned;
    private Channel publishChannel;

    Broker(NotificationProperties.BrokerSettings settings, Topology topology) {
        super(CONNECTION_NAME, settings.connection(), topology::declare, PHASE);
        this.settings = settings;
    }

    /** A message to publish: where to, its properties and its body. */
    record Outgoing(String exchange, String routingKey, AMQP.BasicProperties properties, byte[] body) {
    }

    /** Publishes one message; see {@link #publishAll(List)}. */
    void publish(String exchange, String routingKey, AMQP.BasicProperties properties, byte[] body) {
        publishAll(List.of(new Outgoing(exchange, routingKey, properties, body)));
    }

    /**
     * Publishes the messages, in order, and waits once for the broker's confirms of all of them. Throws
     * {@link BrokerUnavailableException} if there is no connection (after waiting up to the publish wait for one to
     * be made or recovered), the broker nacks one, the confirms do not come in
     * time, or no queue is bound for the routing key of one; some of the messages may have been published then.
     */
    void publishAll(List<Outgoing> messages) {
        if (messages.isEmpty()) {
            return;
        }
        synchronized (publishLock) {
            String what = messages.size() == 1 ? messages.getFirst().routingKey()
                    : messages.size() + " messages (" + messages.getFirst().routingKey() + ", ...)";
            try {
                // Waiting here for the connection to come back, rather than failing at once, spares the event
                // processor's back-off, which doubles to a minute: a batch failed on a broker down for a minute
                // was otherwise retried up to a minute after the broker was back.
                Connection current = awaitOpenConnection(settings.publishWait());
                if (current == null) {
                    throw new BrokerUnavailableException("RabbitMQ at " + where() + " is not connected ("
                            + lastFailure() + ")");
                }
                Channel channel = publishChannel(current);
                returned = null;
                for (Outgoing message : messages) {
                    channel.basicPublish(message.exchange(), message.routingKey(), true, message.properties(),
                            message.body());
                }
                channel.waitForConfirmsOrDie(settings.confirmTimeout().toMillis());
                // basic.return comes before the confirm on the same connection thread, so it has been seen by now.
                if (returned != null) {
                    throw new BrokerUnavailableException("no queue is bound for routing key " + returned
                            + " on exchange '" + messages.getFirst().exchange() + "'");
                }
            } catch (IOException | TimeoutException | ShutdownSignalException e) {
                discardPublishChannel();
                throw new BrokerUnavailableException("RabbitMQ did not confirm " + what + " ("
                        + e.getClass().getSimpleName() + ")", e);
            } catch (InterruptedException e) {
                discardPublishChannel();
                Thread.currentThread().interrupt();
                throw new BrokerUnavailableException("interrupted while waiting for the confirms of " + what, e);
            }
        }
    }

    private Channel publishChannel(Connection current) throws IOException {
        if (publishChannel == null || !publishChannel.isOpen()) {
            Channel channel = current.createChannel();
            if (channel == null) {
                throw new IOException("no channel available");
            }
            channel.confirmSelect();
            channel.addReturnListener(message -> returned = message.getRoutingKey());
            publishChannel = channel;
        }
        return publishChannel;
    }

    private void discardPublishChannel() {
        Channel channel = publishChannel;
        publishChannel = null;
        if (channel != null) {
            try {
                channel.abort();
            } catch (IOException | RuntimeException ignored) {
                // already gone
            }
        }
    }

    @Override
    protected void beforeClose() {
        synchronized (publishLock) {
            discardPublishChannel();
        }
    }
}
