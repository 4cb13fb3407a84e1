package io.parley.kernel.contact;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/** The two are contacts now: the recipient accepted, or sent a request back while one was pending. */
@Revision("1")
public record ContactRequestAcceptedEvent(String contactId, String requesterId, String recipientId, Instant acceptedAt)
        implements ContactEvent {
}
