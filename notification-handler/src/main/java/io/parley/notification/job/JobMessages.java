package io.parley.notification.job;

import java.util.Date;
import java.util.HashMap;
import java.util.Map;

import com.rabbitmq.client.AMQP;
import io.parley.kernel.observability.LogContext;

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
                .headers(headers(attempt))
                .build();
    }

    // The request and trace ids of the event being handled (or of the job being retried) go with the job.
    private static Map<String, Object> headers(int attempt) {
        Map<String, Object> headers = new HashMap<>(LogContext.asMetadata());
        headers.put(ATTEMPT_HEADER, attempt);
        return headers;
    }

    /** Puts the job's request and trace ids into the MDC; returns what takes them out again. */
    static Runnable restoreLogContext(AMQP.BasicProperties properties) {
        Map<String, Object> headers = properties.getHeaders();
        if (headers == null) {
            return () -> { };
        }
        return LogContext.restore(text(headers.get(LogContext.REQUEST_ID_METADATA)),
                text(headers.get(LogContext.TRACE_ID_METADATA)));
    }

    // AMQP gives string headers back as LongString.
    private static String text(Object header) {
        return header == null ? null : header.toString();
    }

    /** 1 for a job as published; a retry carries the number of the attempt it is for. */
    static int attempt(AMQP.BasicProperties properties) {
        Map<String, Object> headers = properties.getHeaders();
        Object value = headers == null ? null : headers.get(ATTEMPT_HEADER);
        return value instanceof Number number ? Math.max(1, number.intValue()) : 1;
    }
}
