package io.parley.query.receipt;

import io.parley.query.live.LiveChange;

/** A member left or was removed: their receipts subscriptions of the conversation end. */
record ReceiptsEnded(String conversationId, String userId) implements LiveChange {
}
