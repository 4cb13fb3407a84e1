package io.parley.query.live;

/** A member started or stopped typing in a conversation, from one of their sessions. Never stored. */
record TypingSignal(String conversationId, String userId, boolean typing, String sessionId) {
}
