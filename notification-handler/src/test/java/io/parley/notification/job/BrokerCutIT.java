package io.parley.notification.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;

import io.parley.kernel.account.Role;
import io.parley.kernel.account.UserRegisteredEvent;
import io.parley.kernel.testing.CuttableProxy;
import io.parley.notification.support.NotificationHandlerIntegrationTest;
import io.parley.notification.support.TestBroker;
import io.parley.notification.support.TestMail;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The broker connection is cut in the middle of a burst of registrations (jobs being published, confirmed, consumed
 * and acknowledged) and comes back a while later: every welcome mail still goes out, exactly once.
 */
class BrokerCutIT extends NotificationHandlerIntegrationTest {

    private static final int BURST = 40;
    private static final Duration RECOVERY = Duration.ofSeconds(90);

    @Autowired
    Broker broker;

    @Test
    void aBrokerCutMidBurst_losesNoMail_andDuplicatesNone() {
        awaitEmailJobsSettled();
        CuttableProxy proxy = TestBroker.proxy();
        double deadLettered = emailCount("dead.lettered");
        double sentBefore = emailCount("sent");
        List<String> addresses = new ArrayList<>();

        try {
            for (int i = 0; i < BURST / 2; i++) {
                addresses.add(register());
            }
            await().atMost(WAIT).until(() -> emailCount("sent") >= sentBefore + 3);
            proxy.cut();
            for (int i = BURST / 2; i < BURST; i++) {
                addresses.add(register());
            }
            // Away long enough for publishes, acks and the client's recovery attempts to fail.
            await().during(Duration.ofSeconds(3)).atMost(WAIT).until(() -> !broker.isConnected());
            assertThat(addresses.stream().filter(address -> TestMail.to(address).size() == 1).count())
                    .isLessThan(BURST);
        } finally {
            proxy.restore();
        }

        await().atMost(RECOVERY).until(broker::isConnected);
        await().atMost(RECOVERY).until(() -> addresses.stream().allMatch(address -> !TestMail.to(address).isEmpty()));
        awaitEmailJobsSettled();
        for (String address : addresses) {
            assertThat(TestMail.to(address)).as("mails to %s", address).hasSize(1);
        }
        assertThat(emailCount("sent")).isEqualTo(sentBefore + BURST);
        assertThat(emailCount("dead.lettered")).isEqualTo(deadLettered);
    }

    @Test
    void aPublishWhileTheConnectionIsLost_waitsForItToComeBack_insteadOfFailingTheBatch() throws Exception {
        await().atMost(RECOVERY).until(broker::isConnected);
        CuttableProxy proxy = TestBroker.proxy();
        try (Connection own = TestBroker.connect(); Channel channel = own.createChannel()) {
            String queue = channel.queueDeclare().getQueue();
            CompletableFuture<Void> published;
            try {
                proxy.cut();
                await().atMost(WAIT).until(() -> !broker.isConnected());
                published = CompletableFuture.runAsync(() -> broker.publish("", queue, new AMQP.BasicProperties(),
                        "while away".getBytes(StandardCharsets.UTF_8)));
                await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> !published.isDone());
            } finally {
                proxy.restore();
            }

            published.get(RECOVERY.toSeconds(), TimeUnit.SECONDS);
            GetResponse received = channel.basicGet(queue, true);
            assertThat(received).isNotNull();
            assertThat(new String(received.getBody(), StandardCharsets.UTF_8)).isEqualTo("while away");
        }
    }

    private String register() {
        String userId = "cut-" + UUID.randomUUID();
        String address = userId + "@parley.test";
        append(userId, new UserRegisteredEvent(userId, address, "Burst", Set.of(Role.USER), Instant.now()));
        return address;
    }
}
