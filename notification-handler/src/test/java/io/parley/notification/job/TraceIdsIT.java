package io.parley.notification.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.parley.kernel.account.Role;
import io.parley.kernel.account.UserRegisteredEvent;
import io.parley.kernel.observability.LogContext;
import io.parley.notification.support.NotificationHandlerIntegrationTest;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The trace id of the request that caused an event reaches the log lines of the job it became (the tests log with
 * Spring Boot's plain pattern, which shows the MDC's trace id; the deploy profile logs it as a JSON field).
 */
@ExtendWith(OutputCaptureExtension.class)
class TraceIdsIT extends NotificationHandlerIntegrationTest {

    @Test
    void theWelcomeMailJob_logsTheRequestAndTraceIdsOfTheRegistration(CapturedOutput output) {
        String userId = UUID.randomUUID().toString();
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        eventStore.publish(new GenericDomainEventMessage<>(USER_AGGREGATE, userId, 0,
                new UserRegisteredEvent(userId, addressOf(userId), "Traced", Set.of(Role.USER), Instant.now()),
                MetaData.from(Map.of(LogContext.TRACE_ID_METADATA, traceId,
                        LogContext.REQUEST_ID_METADATA, "req-registration-1"))));

        await().atMost(WAIT).until(() -> sentLine(output, userId) != null);

        assertThat(sentLine(output, userId)).as("the worker's line").contains("[" + traceId + "-");
    }

    private static String sentLine(CapturedOutput output, String userId) {
        return output.getOut().lines()
                .filter(line -> line.contains("Sent email.welcome to user " + userId))
                .findFirst().orElse(null);
    }
}
