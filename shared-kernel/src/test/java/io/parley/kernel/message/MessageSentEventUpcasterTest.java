package io.parley.kernel.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import io.parley.kernel.testing.OldEvents;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.junit.jupiter.api.Test;

/** Revision 1 of MessageSentEvent, as it was stored before attachments, reads as revision 2 with none. */
class MessageSentEventUpcasterTest {

    @Test
    void revision1_readsAsRevision2_withNoAttachments() throws IOException {
        List<DomainEventMessage<?>> events = OldEvents.conversationRevision1();

        List<MessageSentEvent> sent = events.stream()
                .map(EventMessage::getPayload)
                .filter(MessageSentEvent.class::isInstance)
                .map(MessageSentEvent.class::cast)
                .toList();

        assertThat(events).hasSize(4);
        assertThat(sent).containsExactly(
                new MessageSentEvent(OldEvents.CONVERSATION, "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d", 1,
                        OldEvents.ADA, "client-1", "Hello @Bob", null, Set.of(OldEvents.BOB),
                        Instant.parse("2026-11-30T10:00:01Z"), List.of()),
                new MessageSentEvent(OldEvents.CONVERSATION, "b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e", 2,
                        OldEvents.BOB, "client-2", "Hi Ada", "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d", Set.of(),
                        Instant.parse("2026-11-30T10:00:02Z"), List.of()));
    }

    @Test
    void theFixture_isStillRevision1() throws IOException {
        try (InputStream fixture = OldEvents.class.getResourceAsStream(OldEvents.FIXTURE)) {
            assertThat(new String(fixture.readAllBytes()))
                    .contains("\"payloadRevision\": \"1\"")
                    .doesNotContain("attachments");
        }
        assertThat(Stream.of(MessageSentEvent.class.getAnnotation(org.axonframework.serialization.Revision.class))
                .map(org.axonframework.serialization.Revision::value)).containsExactly("2");
    }
}
