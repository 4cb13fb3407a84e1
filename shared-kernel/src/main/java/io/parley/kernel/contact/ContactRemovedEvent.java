package io.parley.kernel.contact;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/** {@code removedBy} removed {@code removedUserId} from their contacts; the relation ends for both. */
@Revision("1")
public record ContactRemovedEvent(String contactId, String removedBy, String removedUserId, Instant removedAt)
        implements ContactEvent {
}
