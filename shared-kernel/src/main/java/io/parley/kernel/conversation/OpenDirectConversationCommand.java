package io.parley.kernel.conversation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Opens the direct conversation between two users, or finds it when it exists. Answered with a
 * {@link DirectConversationOpened}. The id must be {@link ConversationIds#direct} of the pair.
 */
public record OpenDirectConversationCommand(@TargetAggregateIdentifier String conversationId, String initiatorId,
                                            String otherUserId) {

    public static OpenDirectConversationCommand between(String initiatorId, String otherUserId) {
        return new OpenDirectConversationCommand(ConversationIds.direct(initiatorId, otherUserId), initiatorId, otherUserId);
    }
}
