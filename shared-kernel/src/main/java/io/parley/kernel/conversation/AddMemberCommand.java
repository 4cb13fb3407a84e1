package io.parley.kernel.conversation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Adds a user to a group as a MEMBER (OWNER or ADMIN). */
public record AddMemberCommand(@TargetAggregateIdentifier String conversationId, String actorId, String userId) {
}
