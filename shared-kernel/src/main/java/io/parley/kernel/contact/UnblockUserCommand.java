package io.parley.kernel.contact;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Lifts the caller's block; unblocking someone not blocked changes nothing. */
public record UnblockUserCommand(@TargetAggregateIdentifier String contactId, String blockerId, String blockedId) {

    public static UnblockUserCommand of(String blockerId, String blockedId) {
        return new UnblockUserCommand(ContactIds.pair(blockerId, blockedId), blockerId, blockedId);
    }
}
