package io.parley.notification.job;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * One consumer of a channel's queue (manual acks, bounded prefetch). Per delivery: claim the job's idempotency
 * key, send, record it as done, then ack. A failed attempt is republished (with a confirm) to the delay queue of
 * the next attempt and then acked; the last failed attempt, or a job no retry can help, goes to the dead-letter
 * queue: RabbitMQ dead-letters a job rejected without requeue; on Qpid, which would requeue it, the job is
 * published there (with a confirm) and then acked.
 */
final class JobConsumer extends DefaultConsumer {

    private static final Logger log = LoggerFactory.getLogger(JobConsumer.class);

    private final JobHandler handler;
    private final Broker broker;
    private final Topology topology;
    private final Deliveries deliveries;
    private final JsonMapper json;
    private final JobMetrics metrics;
    private final AtomicInteger inFlight = new AtomicInteger();

    JobConsumer(Channel channel, JobHandler handler, Broker broker, Topology topology, Deliveries deliveries,
                JsonMapper json, JobMetrics metrics) {
        super(channel);
        this.handler = handler;
        this.broker = broker;
        this.topology = topology;
        this.deliveries = deliveries;
        this.json = json;
        this.metrics = metrics;
    }

    boolean idle() {
        return inFlight.get() == 0;
    }

    @Override
    public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
        if (!getChannel().isOpen()) {
            // Prefetched before the connection was lost: it can no longer be acked and the broker delivers it again,
            // so sending it now would only be wasted (the idempotency log would stop a second mail anyway).
            log.debug("Skipping delivery {} of a closed channel; it comes back", properties.getMessageId());
            return;
        }
        inFlight.incrementAndGet();
        Runnable clearLogContext = JobMessages.restoreLogContext(properties);
        try {
            process(envelope.getDeliveryTag(), properties, body);
        } catch (IOException | RuntimeException e) {
            // The channel is gone (its unacked jobs come back) or something unforeseen: never let the client close
            // the channel for an exception of ours.
            log.warn("Could not finish delivery {} of {}: {}", properties.getMessageId(), topology.queue(handler.channel()),
                    e.toString());
        } finally {
            clearLogContext.run();
            inFlight.decrementAndGet();
        }
    }

    private void process(long tag, AMQP.BasicProperties properties, byte[] body) throws IOException {
        NotificationJob job;
        try {
            job = json.readValue(body, NotificationJob.class);
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            log.error("Unreadable job {} on {} ({}); dead-lettering it", properties.getMessageId(),
                    topology.queue(handler.channel()), e.getClass().getSimpleName());
            if (moveToDeadLetters(tag, properties, body)) {
                metrics.deadLettered(handler.channel());
            }
            return;
        }
        int attempt = JobMessages.attempt(properties);
        Deliveries.Claim claim;
        try {
            claim = deliveries.claim(job.key(), job.channel());
        } catch (RuntimeException e) {
            failed(tag, job, body, attempt, e);
            return;
        }
        switch (claim) {
            case Deliveries.AlreadyDone done -> {
                metrics.duplicate(job.channel());
                log.debug("{} was sent already; acknowledging the duplicate", job);
                getChannel().basicAck(tag, false);
            }
            case Deliveries.Busy busy -> later(tag, job, body, attempt);
            case Deliveries.Claimed claimed -> send(tag, job, body, attempt, claimed.token());
        }
    }

    private void send(long tag, NotificationJob job, byte[] body, int attempt, String token) throws IOException {
        JobHandler.Outcome outcome;
        try {
            outcome = handler.send(job);
        } catch (PermanentJobFailure e) {
            releaseQuietly(job, token);
            deadLetter(tag, job, body, attempt, e);
            return;
        } catch (Exception e) {
            releaseQuietly(job, token);
            failed(tag, job, body, attempt, e);
            return;
        }
        try {
            deliveries.done(job.key(), token, outcome);
        } catch (RuntimeException e) {
            // Sent, but not recorded: acknowledge anyway. Only a second copy of this job arriving after the claim
            // timeout could send it again.
            log.error("{} was sent but could not be recorded as done ({})", job, e.getClass().getSimpleName());
        }
        switch (outcome) {
            case SENT -> {
                metrics.sent(job.channel());
                log.info("Sent {} to user {} ({}) on attempt {}", job.routingKey(), job.userId(), job.key(), attempt);
            }
            case DROPPED -> {
                metrics.dropped(job.channel());
                log.info("Dropped {} for user {} ({}): no recipient any more", job.routingKey(), job.userId(), job.key());
            }
            case LOGGED -> metrics.logged(job.channel());
        }
        getChannel().basicAck(tag, false);
    }

    private void failed(long tag, NotificationJob job, byte[] body, int attempt, Exception cause) throws IOException {
        if (attempt >= topology.maxAttempts()) {
            deadLetter(tag, job, body, attempt, cause);
            return;
        }
        int next = attempt + 1;
        Duration delay = topology.delayBefore(next);
        if (republish(tag, job, body, next, delay)) {
            metrics.retried(job.channel());
            log.warn("{} failed on attempt {} of {} ({}); retrying in {} ms", job, attempt, topology.maxAttempts(),
                    describe(cause), delay.toMillis());
        }
    }

    /** Another worker holds a fresh claim: look again after the first delay, without spending an attempt. */
    private void later(long tag, NotificationJob job, byte[] body, int attempt) throws IOException {
        if (republish(tag, job, body, attempt, topology.delayBefore(2))) {
            log.debug("{} is being sent by another worker; looking again later", job);
        }
    }

    private boolean republish(long tag, NotificationJob job, byte[] body, int attempt, Duration delay) throws IOException {
        return moveTo(tag, topology.delayQueue(job.channel(), delay), JobMessages.properties(job, attempt), body,
                "schedule a retry of " + job);
    }

    private void deadLetter(long tag, NotificationJob job, byte[] body, int attempt, Exception cause) throws IOException {
        log.error("{} failed on attempt {} of {} ({}); dead-lettering it to {}", job, attempt, topology.maxAttempts(),
                describe(cause), topology.deadLetterQueue());
        if (moveToDeadLetters(tag, JobMessages.properties(job, attempt), body)) {
            metrics.deadLettered(job.channel());
        }
    }

    /** Rejects the delivery for the broker to dead-letter, or where the broker would requeue it, moves it there. */
    private boolean moveToDeadLetters(long tag, AMQP.BasicProperties properties, byte[] body) throws IOException {
        if (topology.brokerDeadLetters()) {
            getChannel().basicReject(tag, false);
            return true;
        }
        return moveTo(tag, topology.deadLetterQueue(), properties, body, "dead-letter " + properties.getMessageId());
    }

    /** Publishes the job to {@code queue} with a confirm, then acks the delivery; a failed publish requeues it. */
    private boolean moveTo(long tag, String queue, AMQP.BasicProperties properties, byte[] body, String what)
            throws IOException {
        try {
            broker.publish("", queue, properties, body);
        } catch (BrokerUnavailableException e) {
            // Not moved: hand it back to the queue as it is, to be tried again.
            log.warn("Could not {} ({}); requeueing it", what, e.getMessage());
            getChannel().basicNack(tag, false, true);
            return false;
        }
        getChannel().basicAck(tag, false);
        return true;
    }

    private void releaseQuietly(NotificationJob job, String token) {
        try {
            deliveries.release(job.key(), token);
        } catch (RuntimeException e) {
            log.warn("Could not release the claim on {} ({}); it expires after the claim timeout", job,
                    e.getClass().getSimpleName());
        }
    }

    /** Exception classes only: messages of mail and push errors may carry addresses. */
    private static String describe(Throwable cause) {
        StringBuilder out = new StringBuilder(cause.getClass().getSimpleName());
        Throwable inner = cause.getCause();
        for (int depth = 0; inner != null && depth < 3; depth++, inner = inner.getCause()) {
            out.append(" <- ").append(inner.getClass().getSimpleName());
        }
        return out.toString();
    }
}
