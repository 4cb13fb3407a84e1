package io.parley.notification.job;

/**
 * Sends the jobs of one channel. The worker around it owns acknowledgements, retries, dead-lettering and
 * idempotency, so an implementation only sends.
 */
public interface JobHandler {

    NotificationChannel channel();

    /**
     * Sends the job, or drops it when there is no one to send it to any more (the account was deleted), or only
     * logs it when the channel has no credentials (push without Firebase).
     * Throws {@link PermanentJobFailure} when no retry can help; any other exception is retried.
     */
    Outcome send(NotificationJob job) throws Exception;

    enum Outcome {
        SENT,
        DROPPED,
        LOGGED
    }
}
