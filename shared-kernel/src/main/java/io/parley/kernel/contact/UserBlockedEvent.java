package io.parley.kernel.contact;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/**
 * {@code blockerId} blocked {@code blockedId}. Also ends whatever was between them: their contact, or a pending
 * request in either direction. While blocked (either way), neither can request the other, open their direct
 * conversation or write in it.
 */
@Revision("1")
public record UserBlockedEvent(String contactId, String blockerId, String blockedId, Instant blockedAt)
        implements ContactEvent {
}
