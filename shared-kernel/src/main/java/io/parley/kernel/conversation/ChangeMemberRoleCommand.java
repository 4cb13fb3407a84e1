package io.parley.kernel.conversation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Makes a member an ADMIN or a MEMBER (OWNER only). */
public record ChangeMemberRoleCommand(@TargetAggregateIdentifier String conversationId, String actorId, String userId,
                                      MemberRole role) {
}
