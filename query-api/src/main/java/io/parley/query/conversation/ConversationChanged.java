package io.parley.query.conversation;

import java.util.List;

import io.parley.query.live.LiveChange;

/** A conversation's name, topic or member roles changed; {@code memberIds}: its members. */
record ConversationChanged(String conversationId, List<String> memberIds) implements LiveChange {
}
