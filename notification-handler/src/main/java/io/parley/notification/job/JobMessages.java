package io.parley.notification.job;

import java.util.Date;
import java.util.Map;

import com.rabbitmq.client.AMQP;

/** The AMQP form of a job: persistent JSON, the idempotency key as message id, and the attempt it is on. */
final class JobMessages {

    static final String ATTEMPT_HEADER = "parley-attempt";
    private static final int PERSISTENT = 2;

    private JobMessages() {
    }

    static AMQP.BasicProperties properties(NotificationJob job, int attempt) {
        return new AMQP.BasicProperties.Builder()
                .contentType("application/json")
                .contentEncoding("utf-8")
                .deliveryMode(PERSISTENT)
                .messageId(job.key())
                .type(job.routingKey())
                .appId("parley-notification-handler")
                .timestamp(new Date())
                .headers(Map.of(ATTEMPT_HEADER, attempt))
                .build();
    }

    /** 1 for a job as published; a retry carries the number of the attempt it is for. */
    static int attempt(AMQP.BasicProperties properties) {
        Map<String, Object> headers = properties.getHeaders();
        Object value = headers == null ? null : headers.get(ATTEMPT_HEADER);
        return value instanceof Number number ? Math.max(1, number.intValue()) : 1;
    }
}
