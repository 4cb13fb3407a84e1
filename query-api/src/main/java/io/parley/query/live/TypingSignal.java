package io.parley.query.live;

/** A member started or stopped typing in a conversation. Never stored. */
record TypingSignal(String conversationId, String userId, boolean typing) {
}
