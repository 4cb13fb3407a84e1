package io.parley.query.receipt;

import io.parley.query.live.LiveChange;

/** A member's read marker moved to {@code lastReadSeq}. */
record ReceiptMoved(String conversationId, String userId, long lastReadSeq) implements LiveChange {
}
