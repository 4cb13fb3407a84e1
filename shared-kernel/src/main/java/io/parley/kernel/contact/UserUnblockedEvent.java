package io.parley.kernel.contact;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/** Lifts {@code blockerId}'s block; what the block ended stays ended. */
@Revision("1")
public record UserUnblockedEvent(String contactId, String blockerId, String blockedId, Instant unblockedAt)
        implements ContactEvent {
}
