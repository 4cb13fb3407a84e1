package io.parley.notification.job;

/**
 * Which AMQP 0-9-1 broker the jobs travel through; they differ in how a queue delays and dead-letters messages.
 * <ul>
 * <li>{@link #RABBITMQ}: delay queues with {@code x-message-ttl} that dead-letter back to the exchange
 * ({@code x-dead-letter-exchange}), and a work queue whose rejected messages the broker dead-letters, with an
 * {@code x-death} header saying why.</li>
 * <li>{@link #QPID}: Apache Qpid Broker-J, the embedded broker of {@code ./parley up}. It ignores RabbitMQ's
 * arguments and requeues a rejected message, so delay queues use Qpid's message TTL bounds with
 * {@code expiryPolicy=ROUTE_TO_ALTERNATE} into a fanout exchange bound to the work queue, and the worker moves a
 * job to the dead-letter queue itself (publish with a confirm, then ack).</li>
 * </ul>
 */
public enum BrokerFlavour {
    RABBITMQ,
    QPID
}
