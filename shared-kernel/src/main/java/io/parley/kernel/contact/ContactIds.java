package io.parley.kernel.contact;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

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
        String first = userA.compareTo(userB) <= 0 ? userA : userB;
        String second = first.equals(userA) ? userB : userA;
        return UUID.nameUUIDFromBytes(("contact:" + first + ":" + second).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
