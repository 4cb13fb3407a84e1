package io.parley.notification.job;

import io.parley.kernel.privacy.Erased;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hands jobs to RabbitMQ. Returns only once the broker has confirmed the job; otherwise throws
 * {@link BrokerUnavailableException}, which an event handler lets through so its processor retries the event.
 * Publishing a job twice is harmless: workers send each idempotency key once.
 */
public class JobPublisher {

    private static final Logger log = LoggerFactory.getLogger(JobPublisher.class);

    private final Broker broker;
    private final Topology topology;
    private final JsonMapper json;
    private final JobMetrics metrics;

    JobPublisher(Broker broker, Topology topology, JsonMapper json, JobMetrics metrics) {
        this.broker = broker;
        this.topology = topology;
        this.json = json;
        this.metrics = metrics;
    }

    public void publish(NotificationJob job) {
        // The last guard of crypto-shredding (docs/adr/0007): nothing goes to, or says, what was erased.
        if (Erased.is(job.address()) || job.params().values().stream().anyMatch(Erased::is)) {
            log.info("Not publishing {} for user {}: their personal data was erased", job.routingKey(), job.userId());
            return;
        }
        byte[] body = json.writeValueAsBytes(job);
        broker.publish(topology.exchange(), job.routingKey(), JobMessages.properties(job, 1), body);
        metrics.published(job.channel());
        log.debug("Published {} for user {} ({})", job.routingKey(), job.userId(), job.key());
    }
}
