package io.parley.kernel.contact;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RemoveContactCommand(@TargetAggregateIdentifier String contactId, String userId, String contactUserId) {

    public static RemoveContactCommand of(String userId, String contactUserId) {
        return new RemoveContactCommand(ContactIds.pair(userId, contactUserId), userId, contactUserId);
    }
}
