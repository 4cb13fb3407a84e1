package io.parley.kernel;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Ids derived from an unordered pair of users: the same whichever of the two asks. */
public final class PairIds {

    private PairIds() {
    }

    /**
     * A name-based (version 3) UUID of the sorted pair within {@code namespace}: never equal to a random (version 4)
     * id, and never equal to the same pair's id in another namespace, as aggregate ids must be unique across types.
     */
    public static String of(String namespace, String userA, String userB) {
        String first = userA.compareTo(userB) <= 0 ? userA : userB;
        String second = first.equals(userA) ? userB : userA;
        return UUID.nameUUIDFromBytes((namespace + ":" + first + ":" + second).getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
