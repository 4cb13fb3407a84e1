package io.parley.kernel.contact;

import io.parley.kernel.PairIds;

/** The id of the relationship between two users (the {@code Contact} aggregate), whichever of them acts. */
public final class ContactIds {

    private ContactIds() {
    }

    /**
     * A name-based (version 3) UUID in the {@code contact:} namespace: never a user id (random UUIDs), never the id
     * of the same pair's direct conversation, as aggregate ids must be unique across aggregate types. A pending
     * request between the pair is identified by this id too (there is at most one at a time).
     */
    public static String pair(String userA, String userB) {
        return PairIds.of("contact", userA, userB);
    }
}
