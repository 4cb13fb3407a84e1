package io.parley.kernel.contact;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Blocks a user; blocking someone already blocked changes nothing. */
public record BlockUserCommand(@TargetAggregateIdentifier String contactId, String blockerId, String blockedId) {

    public static BlockUserCommand of(String blockerId, String blockedId) {
        return new BlockUserCommand(ContactIds.pair(blockerId, blockedId), blockerId, blockedId);
    }
}
