package io.parley.kernel.contact;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/** A pending request; its request id is the {@code contactId}. */
@Revision("1")
public record ContactRequestedEvent(String contactId, String requesterId, String recipientId, Instant requestedAt)
        implements ContactEvent {
}
