package io.parley.notification.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import io.parley.kernel.testing.CuttableProxy;
import io.parley.notification.support.NotificationHandlerIntegrationTest;
import io.parley.notification.support.TestBroker;
import io.parley.notification.support.TestMail;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

class JobDeliveryIT extends NotificationHandlerIntegrationTest {

    @Autowired
    JobPublisher jobs;

    @Autowired
    Topology topology;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    Broker broker;

    private static NotificationJob welcomeJob(String address) {
        return NotificationJob.of(UUID.randomUUID().toString(), NotificationChannel.EMAIL, "welcome",
                "user-" + UUID.randomUUID(), address, Map.of("displayName", "Tester"), Instant.now());
    }

    private static String newAddress() {
        return "job-" + UUID.randomUUID() + "@parley.test";
    }

    @Test
    void topology_isDeclaredOnTheBroker_andDeclaringItAgainChangesNothing() throws Exception {
        try (Connection connection = TestBroker.connect(); Channel channel = connection.createChannel()) {
            topology.declare(channel);
            channel.exchangeDeclarePassive(TestBroker.PREFIX);
            assertThat(topology.queues()).containsExactlyInAnyOrder(
                    TestBroker.PREFIX + ".dead",
                    TestBroker.PREFIX + ".email",
                    TestBroker.PREFIX + ".email.retry-300ms",
                    TestBroker.PREFIX + ".email.retry-600ms",
                    TestBroker.PREFIX + ".push",
                    TestBroker.PREFIX + ".push.retry-300ms",
                    TestBroker.PREFIX + ".push.retry-600ms");
            for (String queue : topology.queues()) {
                channel.queueDeclarePassive(queue);
            }
            assertThat(channel.queueDeclarePassive(TestBroker.PREFIX + ".email").getConsumerCount()).isEqualTo(2);
        }
    }

    @Test
    void aJobDeliveredTwice_isSentOnce() {
        String address = newAddress();
        NotificationJob job = welcomeJob(address);
        double duplicates = emailCount("duplicates");

        jobs.publish(job);
        jobs.publish(job);

        await().atMost(WAIT).until(() -> emailCount("duplicates") == duplicates + 1);
        awaitEmailJobsSettled();
        assertThat(TestMail.to(address)).hasSize(1);
    }

    @Test
    void aJobWhoseWorkerDiedWhileSending_isTakenOverAfterTheClaimTimeout_andSent() {
        String address = newAddress();
        NotificationJob job = welcomeJob(address);
        mongo.insert(new Deliveries.Delivery(job.key(), "SENDING", "crashed-worker", "email",
                Instant.now().minus(1, ChronoUnit.HOURS), null, null), Deliveries.COLLECTION);

        jobs.publish(job);

        await().atMost(WAIT).until(() -> TestMail.to(address).size() == 1);
        awaitEmailJobsSettled();
        assertThat(TestMail.to(address)).hasSize(1);
        assertThat(mongo.findById(job.key(), Deliveries.Delivery.class, Deliveries.COLLECTION))
                .extracting(Deliveries.Delivery::state).isEqualTo("DONE");
    }

    @Test
    void whenSmtpIsDown_aJobIsRetriedWithBackOff_thenDeadLettered_andNotSentLater() throws Exception {
        awaitEmailJobsSettled();
        String address = newAddress();
        NotificationJob job = welcomeJob(address);
        double retried = emailCount("retried");
        double deadLettered = emailCount("dead.lettered");

        TestMail.stop();
        try {
            jobs.publish(job);
            await().atMost(WAIT).until(() -> emailCount("dead.lettered") == deadLettered + 1);
        } finally {
            TestMail.start();
        }

        assertThat(emailCount("retried")).isEqualTo(retried + TestBroker.RETRY_DELAYS.size());
        try (Connection connection = TestBroker.connect(); Channel channel = connection.createChannel()) {
            GetResponse dead = await().atMost(WAIT).until(
                    () -> channel.basicGet(TestBroker.PREFIX + ".dead", true), response -> response != null);
            assertThat(dead.getProps().getMessageId()).isEqualTo(job.key());
            assertThat(dead.getProps().getDeliveryMode()).isEqualTo(2);
            assertThat(JobMessages.attempt(dead.getProps())).isEqualTo(topology.maxAttempts());
            @SuppressWarnings("unchecked")
            Map<String, Object> death = ((List<Map<String, Object>>) dead.getProps().getHeaders().get("x-death")).getFirst();
            assertThat(death.get("reason").toString()).isEqualTo("rejected");
            assertThat(death.get("queue").toString()).isEqualTo(TestBroker.PREFIX + ".email");
        }
        assertThat(mongo.findById(job.key(), Deliveries.Delivery.class, Deliveries.COLLECTION)).isNull();

        // Mail works again, and the next job is sent while the dead one stays dead.
        String next = newAddress();
        jobs.publish(welcomeJob(next));
        await().atMost(WAIT).until(() -> TestMail.to(next).size() == 1);
        awaitEmailJobsSettled();
        assertThat(TestMail.to(address)).isEmpty();
    }

    @Test
    void theJobsOfAUnitOfWork_arePublishedTogether_whenItCommits() {
        String first = newAddress();
        String second = newAddress();

        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        jobs.publish(welcomeJob(first));
        jobs.publish(welcomeJob(second));
        unitOfWork.commit();

        await().atMost(WAIT).until(() -> TestMail.to(first).size() == 1 && TestMail.to(second).size() == 1);
        awaitEmailJobsSettled();
        assertThat(TestMail.to(first)).hasSize(1);
        assertThat(TestMail.to(second)).hasSize(1);
    }

    @Test
    void theJobsOfAUnitOfWorkRolledBack_areNeverPublished() {
        String rolledBack = newAddress();
        String next = newAddress();

        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        jobs.publish(welcomeJob(rolledBack));
        unitOfWork.rollback();
        // Published and confirmed now: a job published before it would have been sent by the time the jobs settle.
        jobs.publish(welcomeJob(next));

        await().atMost(WAIT).until(() -> TestMail.to(next).size() == 1);
        awaitEmailJobsSettled();
        assertThat(TestMail.to(rolledBack)).isEmpty();
    }

    @Test
    void aUnitOfWorkWhoseJobsTheBrokerDoesNotConfirm_failsBeforeItCommits() {
        String address = newAddress();
        AtomicBoolean committed = new AtomicBoolean();
        CuttableProxy proxy = TestBroker.proxy();

        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        unitOfWork.onCommit(committing -> committed.set(true));
        jobs.publish(welcomeJob(address));
        proxy.cut();
        try {
            assertThatThrownBy(unitOfWork::commit).isInstanceOf(BrokerUnavailableException.class);
        } finally {
            proxy.restore();
            await().atMost(WAIT.multipliedBy(3)).until(broker::isConnected);
        }

        // The processor's token is stored in the transaction this unit of work would have committed.
        assertThat(committed).isFalse();
        assertThat(unitOfWork.isRolledBack()).isTrue();
    }
}
