package io.parley.notification.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

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

    private String register() {
        String userId = "cut-" + UUID.randomUUID();
        String address = userId + "@parley.test";
        append(userId, new UserRegisteredEvent(userId, address, "Burst", Set.of(Role.USER), Instant.now()));
        return address;
    }
}
