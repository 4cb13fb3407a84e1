package io.parley.kernel.conversation;

/**
 * Every membership and settings event of the {@code Conversation} aggregate, so projections can switch over them
 * exhaustively. The same aggregate's message events are {@link io.parley.kernel.message.MessageEvent}s.
 */
public sealed interface ConversationEvent permits ConversationCreatedEvent, ConversationDetailsChangedEvent,
        MemberAddedEvent, MemberRemovedEvent, MemberRoleChangedEvent, ConversationMutedEvent, ConversationReadEvent,
        ConversationArchivedEvent {

    String conversationId();
}
