package io.parley.query.inbox;

import io.parley.query.live.LiveChange;
import io.parley.query.live.UserEventFrames.Summary;

/** A new message, counted in the inboxes of the conversation's members. */
record MessageArrived(String conversationId, Summary message) implements LiveChange {
}
