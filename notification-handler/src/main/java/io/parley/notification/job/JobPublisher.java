package io.parley.notification.job;

import java.util.ArrayList;
import java.util.List;

import io.parley.kernel.privacy.Erased;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hands jobs to RabbitMQ. Publishing a job twice is harmless: workers send each idempotency key once.
 * <p>
 * Inside a unit of work (an event processor's batch) the jobs are collected and published together when the unit of
 * work prepares to commit, with one wait for the broker's confirms of all of them: before the transaction that stores
 * the processor's token commits, so a batch whose jobs the broker did not confirm is rolled back and handled again,
 * and no job is lost. A job per confirm round trip bounded the push rate by that round trip (docs/reliability.md).
 * Outside a unit of work (or in one that is committing already) {@link #publish} returns once the broker has
 * confirmed the job. Either way a failure is a
 * {@link BrokerUnavailableException}, which the processor answers by retrying the events.
 */
public class JobPublisher {

    private static final Logger log = LoggerFactory.getLogger(JobPublisher.class);
    private static final String PENDING = JobPublisher.class.getName() + ".pending";

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
        Pending pending = new Pending(job, new Broker.Outgoing(topology.exchange(), job.routingKey(),
                JobMessages.properties(job, 1), json.writeValueAsBytes(job)));
        if (CurrentUnitOfWork.isStarted() && CurrentUnitOfWork.get().root().phase() == UnitOfWork.Phase.STARTED) {
            pendingIn(CurrentUnitOfWork.get().root()).add(pending);
        } else {
            publish(List.of(pending));
        }
    }

    /** The jobs of the unit of work, published when it prepares to commit. */
    private List<Pending> pendingIn(UnitOfWork<?> unitOfWork) {
        return unitOfWork.getOrComputeResource(PENDING, key -> {
            List<Pending> jobs = new ArrayList<>();
            unitOfWork.onPrepareCommit(committing -> publish(jobs));
            return jobs;
        });
    }

    private void publish(List<Pending> jobs) {
        broker.publishAll(jobs.stream().map(Pending::message).toList());
        for (Pending pending : jobs) {
            metrics.published(pending.job().channel());
            log.debug("Published {} for user {} ({})", pending.job().routingKey(), pending.job().userId(),
                    pending.job().key());
        }
    }

    private record Pending(NotificationJob job, Broker.Outgoing message) {
    }
}
