package io.parley.kernel.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import io.parley.kernel.message.MessageSentEventUpcaster;
import io.parley.kernel.privacy.PersonalDataSerializer;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.eventsourcing.EventStreamUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Events as an older version of Parley stored them (test resources under {@code events/}, written by the code of
 * that time and never edited), read back as the event store reads them: through the kernel's upcasters and the
 * services' serializer.
 */
public final class OldEvents {

    public static final String FIXTURE = "/events/conversation-revision-1.json";
    public static final String CONVERSATION = "5b0c6f1e-3c1a-4f1e-9a53-2f1d8e0c7a10";
    public static final String ADA = "0f9a3c2e-1b7d-4c55-8e21-6a4d2b9c8e01";
    public static final String BOB = "7c1e2d3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f";

    private OldEvents() {
    }

    /** A group of Ada and Bob with two messages (the second a reply) and a reaction, MessageSentEvent revision 1. */
    public static List<DomainEventMessage<?>> conversationRevision1() throws IOException {
        // The services' event serializer (crypto-shredding, docs/adr/0007): plain values of old events read as they
        // are, without asking for any key.
        Serializer serializer = new PersonalDataSerializer(Jackson3Serializer.builder().build(), () -> {
            throw new AssertionError("an old plaintext event needs no personal data key");
        });
        List<DomainEventData<?>> rows;
        try (InputStream fixture = OldEvents.class.getResourceAsStream(FIXTURE)) {
            JsonNode array = JsonMapper.builder().build().readTree(fixture);
            rows = Stream.iterate(0, i -> i < array.size(), i -> i + 1).<DomainEventData<?>>map(i -> row(array.get(i)))
                    .toList();
        }
        return EventStreamUtils.asStream(EventStreamUtils.upcastAndDeserializeDomainEvents(rows.stream(), serializer,
                new EventUpcasterChain(new MessageSentEventUpcaster()))).<DomainEventMessage<?>>map(m -> m).toList();
    }

    private static DomainEventData<?> row(JsonNode row) {
        long sequence = row.get("sequenceNumber").asLong();
        return new GenericDomainEventEntry<>("Conversation", row.get("aggregateIdentifier").asString(), sequence,
                "event-" + sequence, Instant.parse("2026-11-30T10:00:00Z").plusSeconds(sequence),
                row.get("payloadType").asString(), row.get("payloadRevision").asString(),
                row.get("payload").toString().getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8));
    }
}
