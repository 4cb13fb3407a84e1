package io.parley.notification.job;

/**
 * A job could not be handed to RabbitMQ with a confirm. Thrown out of an event handler, it makes the tracking
 * processor retry the event with back-off, so no notification is lost while the broker is away.
 */
public class BrokerUnavailableException extends RuntimeException {

    public BrokerUnavailableException(String message) {
        super(message);
    }

    public BrokerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
