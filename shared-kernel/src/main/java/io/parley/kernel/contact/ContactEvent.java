package io.parley.kernel.contact;

/** Every event of the {@code Contact} aggregate (one per pair of users), so projections can switch exhaustively. */
public sealed interface ContactEvent permits ContactRequestedEvent, ContactRequestAcceptedEvent,
        ContactRequestRejectedEvent, ContactRemovedEvent, UserBlockedEvent, UserUnblockedEvent {

    String contactId();
}
