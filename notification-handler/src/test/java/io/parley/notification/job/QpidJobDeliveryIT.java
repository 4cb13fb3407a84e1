package io.parley.notification.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.parley.kernel.testing.TestInfrastructure;
import io.parley.localstack.EmbeddedAmqpBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The job machinery (topology, confirmed publishing, workers, retries, dead letters) on the embedded broker of
 * {@code ./parley up}, Qpid Broker-J, with {@link BrokerFlavour#QPID}: the same guarantees as on RabbitMQ.
 */
class QpidJobDeliveryIT {

    private static final List<Duration> DELAYS = List.of(Duration.ofMillis(300), Duration.ofMillis(600));
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path dataDir;

    private static EmbeddedAmqpBroker qpid;
    private static MongoClient mongoClient;
    private static Broker broker;
    private static JobPublisher jobs;
    private static Topology topology;
    private static final FakeEmailHandler handler = new FakeEmailHandler();

    @BeforeAll
    static void start() throws Exception {
        qpid = EmbeddedAmqpBroker.start(dataDir, freePort());
        mongoClient = MongoClients.create(TestInfrastructure.mongoUri("parley_qpid_jobs"));
        MongoTemplate mongo = new MongoTemplate(mongoClient, "parley_qpid_jobs");
        topology = new Topology("parley.notifications", DELAYS, BrokerFlavour.QPID);
        NotificationProperties.BrokerSettings settings = new NotificationProperties.BrokerSettings(
                URI.create(qpid.uri()), true, Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5),
                Duration.ofSeconds(5), Duration.ofMillis(500), BrokerFlavour.QPID);
        broker = new Broker(settings, topology);
        JsonMapper json = JsonMapper.builder().build();
        JobMetrics metrics = new JobMetrics(new SimpleMeterRegistry());
        Deliveries deliveries = new Deliveries(mongo, Duration.ofSeconds(3), Duration.ofDays(1));
        JobWorkers workers = new JobWorkers(List.of(handler), broker, topology, deliveries, json, metrics,
                new NotificationProperties("parley.notifications", settings, 10, 2, DELAYS,
                        Duration.ofSeconds(3), Duration.ofDays(1)));
        broker.addListener(workers);
        broker.start();
        assertThat(broker.isConnected()).isTrue();
        jobs = new JobPublisher(broker, topology, json, metrics);
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.stop();
        }
        if (mongoClient != null) {
            mongoClient.close();
        }
        if (qpid != null) {
            qpid.close();
        }
    }

    @Test
    void aJob_isSentOnce_evenWhenPublishedTwice() {
        NotificationJob job = job();

        jobs.publish(job);
        jobs.publish(job);

        await().atMost(WAIT).until(() -> handler.sent(job) == 1);
        await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> handler.sent(job) == 1);
    }

    @Test
    void aFailingJob_isRetriedAfterEachDelay_thenSent() {
        NotificationJob job = job();
        handler.failFirst(job, 2);

        jobs.publish(job);

        await().atMost(WAIT).until(() -> handler.sent(job) == 1);
        assertThat(handler.attempts(job)).isEqualTo(3);
    }

    @Test
    void aJobFailingEveryAttempt_isDeadLettered_andNotTriedAgain() throws Exception {
        NotificationJob job = job();
        handler.failFirst(job, Integer.MAX_VALUE);

        jobs.publish(job);

        try (Connection connection = connect(); Channel channel = connection.createChannel()) {
            GetResponse dead = await().atMost(WAIT).until(
                    () -> channel.basicGet(topology.deadLetterQueue(), true), response -> response != null);
            assertThat(dead.getProps().getMessageId()).isEqualTo(job.key());
            assertThat(dead.getProps().getDeliveryMode()).isEqualTo(2);
            assertThat(JobMessages.attempt(dead.getProps())).isEqualTo(topology.maxAttempts());
            // The worker acks the last attempt once the dead-letter copy is confirmed, so the queue empties just after.
            await().atMost(WAIT).until(() -> channel.messageCount(topology.queue(NotificationChannel.EMAIL)) == 0);
            await().during(Duration.ofMillis(500)).atMost(WAIT)
                    .until(() -> handler.attempts(job) == topology.maxAttempts());
        }
        assertThat(handler.sent(job)).isZero();
    }

    private static NotificationJob job() {
        String userId = "user-" + UUID.randomUUID();
        return NotificationJob.of(UUID.randomUUID().toString(), NotificationChannel.EMAIL, "welcome", userId,
                userId + "@parley.test", Map.of("displayName", "Tester"), Instant.now());
    }

    private static Connection connect() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(qpid.uri());
        factory.setVirtualHost("/");
        return factory.newConnection("qpid-job-test");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Counts attempts and sends per job key; fails a job's first attempts on demand. */
    private static final class FakeEmailHandler implements JobHandler {

        private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
        private final Map<String, Integer> failures = new ConcurrentHashMap<>();
        private final Queue<String> sent = new ConcurrentLinkedQueue<>();

        void failFirst(NotificationJob job, int times) {
            failures.put(job.key(), times);
        }

        int attempts(NotificationJob job) {
            AtomicInteger count = attempts.get(job.key());
            return count == null ? 0 : count.get();
        }

        int sent(NotificationJob job) {
            return (int) sent.stream().filter(job.key()::equals).count();
        }

        @Override
        public NotificationChannel channel() {
            return NotificationChannel.EMAIL;
        }

        @Override
        public Outcome send(NotificationJob job) {
            int attempt = attempts.computeIfAbsent(job.key(), key -> new AtomicInteger()).incrementAndGet();
            if (attempt <= failures.getOrDefault(job.key(), 0)) {
                throw new IllegalStateException("SMTP down (attempt " + attempt + ")");
            }
            sent.add(job.key());
            return Outcome.SENT;
        }
    }
}
