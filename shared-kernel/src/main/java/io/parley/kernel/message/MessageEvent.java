package io.parley.kernel.message;

/**
 * Every message event of the {@code Conversation} aggregate, so projections can switch over them exhaustively.
 * Each names its conversation, message and seq, so no projection has to look a message up.
 */
public sealed interface MessageEvent permits MessageSentEvent, MessageEditedEvent, MessageDeletedEvent,
        MessageHiddenEvent, MessageRemovedEvent, ReactionAddedEvent, ReactionRemovedEvent {

    String conversationId();

    String messageId();

    long seq();
}
