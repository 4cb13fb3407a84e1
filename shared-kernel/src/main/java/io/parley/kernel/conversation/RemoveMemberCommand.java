package io.parley.kernel.conversation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Removes a member from a group (OWNER or ADMIN); when the actor is the member, the member leaves. */
public record RemoveMemberCommand(@TargetAggregateIdentifier String conversationId, String actorId, String userId) {
}
