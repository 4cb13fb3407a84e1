package io.parley.query.projection;

import io.parley.kernel.message.MessageSentEvent;
import io.parley.kernel.privacy.Erased;

/** A send a projection holds back until its batch commits, with the event's aggregate sequence number. */
public record Sent(MessageSentEvent event, long sequence) {

    /**
     * Whether the sender was erased (crypto-shredding, docs/adr/0007): a replay reads their message as deleted for
     * everyone, the way a member's deletion leaves it.
     */
    public boolean erased() {
        return Erased.is(event.text());
    }
}
