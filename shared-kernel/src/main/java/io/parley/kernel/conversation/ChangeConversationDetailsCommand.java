package io.parley.kernel.conversation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Renames a group or sets its topic (OWNER or ADMIN); null leaves a field as it is, an empty topic clears it. */
public record ChangeConversationDetailsCommand(@TargetAggregateIdentifier String conversationId, String actorId,
                                               String name, String topic) {
}
