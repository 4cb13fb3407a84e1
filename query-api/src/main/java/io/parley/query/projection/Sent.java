package io.parley.query.projection;

import io.parley.kernel.message.MessageSentEvent;

/** A send a projection holds back until its batch commits, with the event's aggregate sequence number. */
public record Sent(MessageSentEvent event, long sequence) {
}
