package io.parley.kernel.conversation;

import java.util.Set;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Creates a group; the creator becomes its OWNER, the others MEMBERs. The creator may be among {@code memberIds}. */
public record CreateGroupCommand(@TargetAggregateIdentifier String conversationId, String creatorId, String name,
                                 Set<String> memberIds) {

    public CreateGroupCommand {
        memberIds = memberIds == null ? Set.of() : Set.copyOf(memberIds);
    }
}
