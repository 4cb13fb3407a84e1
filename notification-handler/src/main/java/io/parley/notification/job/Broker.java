package io.parley.notification.job;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ShutdownSignalException;
import io.parley.kernel.amqp.BrokerConnection;

/**
 * The one connection to RabbitMQ (see {@link BrokerConnection}: started in the background, recovered
 * automatically), with the notification topology declared on it. Publishing goes through one channel in confirm
 * mode, one message at a time, and returns only once the broker has confirmed it (persisted, for our durable
 * queues) and routed it to a queue.
 */
final class Broker extends BrokerConnection {

    /** Before Axon's processors (which publish) and the workers start; stopped after them. */
    static final int PHASE = -1_000;
    private static final String CONNECTION_NAME = "parley-notification-handler";

    private final NotificationProperties.BrokerSettings settings;
    private final Object publishLock = new Object();
    private volatile boolean returned;
    private Channel publishChannel;

    Broker(NotificationProperties.BrokerSettings settings, Topology topology) {
        super(CONNECTION_NAME, settings.connection(), topology::declare, PHASE);
        this.settings = settings;
    }

    /**
     * Publishes one persistent message and waits for the broker's confirm. Throws
     * {@link BrokerUnavailableException} if there is no connection, the broker nacks, the confirm does not come in
     * time, or no queue is bound for the routing key.
     */
    void publish(String exchange, String routingKey, AMQP.BasicProperties properties, byte[] body) {
        synchronized (publishLock) {
            Connection current = openConnection();
            if (current == null) {
                throw new BrokerUnavailableException("RabbitMQ at " + where() + " is not connected ("
                        + lastFailure() + ")");
            }
            try {
                Channel channel = publishChannel(current);
                returned = false;
                channel.basicPublish(exchange, routingKey, true, properties, body);
                channel.waitForConfirmsOrDie(settings.confirmTimeout().toMillis());
                // basic.return comes before the confirm on the same connection thread, so it has been seen by now.
                if (returned) {
                    throw new BrokerUnavailableException("no queue is bound for routing key " + routingKey
                            + " on exchange '" + exchange + "'");
                }
            } catch (IOException | TimeoutException | ShutdownSignalException e) {
                discardPublishChannel();
                throw new BrokerUnavailableException("RabbitMQ did not confirm a message for " + routingKey + " ("
                        + e.getClass().getSimpleName() + ")", e);
            } catch (InterruptedException e) {
                discardPublishChannel();
                Thread.currentThread().interrupt();
                throw new BrokerUnavailableException("interrupted while waiting for a confirm for " + routingKey, e);
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
            channel.addReturnListener(message -> returned = true);
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
