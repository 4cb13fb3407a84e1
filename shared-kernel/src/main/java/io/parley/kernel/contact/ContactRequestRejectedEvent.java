package io.parley.kernel.contact;

import java.time.Instant;

import org.axonframework.serialization.Revision;

@Revision("1")
public record ContactRequestRejectedEvent(String contactId, String requesterId, String recipientId, Instant rejectedAt)
        implements ContactEvent {
}
