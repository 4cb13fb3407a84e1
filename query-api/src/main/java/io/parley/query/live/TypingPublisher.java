package io.parley.query.live;

/**
 * Hands a typing signal to every instance that may hold subscribers of the conversation. One instance for now
 * ({@link LocalTypingPublisher}); a RabbitMQ fanout will replace it when several instances run.
 */
interface TypingPublisher {

    void publish(TypingSignal signal);
}
