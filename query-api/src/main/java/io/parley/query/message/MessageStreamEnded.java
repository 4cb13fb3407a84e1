package io.parley.query.message;

import io.parley.query.live.LiveChange;

/** A member left or was removed: their message streams of the conversation end after what came before. */
record MessageStreamEnded(String conversationId, String userId) implements LiveChange {
}
