package io.parley.kernel.conversation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record MuteConversationCommand(@TargetAggregateIdentifier String conversationId, String userId, boolean muted) {
}
