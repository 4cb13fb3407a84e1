package io.parley.query.live;

/**
 * Hands a typing signal to every instance that may hold subscribers of the conversation
 * ({@link FanoutTypingPublisher}: a RabbitMQ fanout, or this instance alone without a broker).
 */
interface TypingPublisher {

    void publish(TypingSignal signal);
}
