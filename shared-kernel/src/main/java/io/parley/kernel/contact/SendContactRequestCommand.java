package io.parley.kernel.contact;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Asks {@code recipientId} to become a contact; the request id is {@code contactId}. */
public record SendContactRequestCommand(@TargetAggregateIdentifier String contactId, String requesterId,
                                        String recipientId) {

    public static SendContactRequestCommand of(String requesterId, String recipientId) {
        return new SendContactRequestCommand(ContactIds.pair(requesterId, recipientId), requesterId, recipientId);
    }
}
