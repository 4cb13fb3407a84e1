package io.parley.kernel.conversation;

import io.parley.kernel.PairIds;

/** Identifiers of conversations that must be the same however often and by whom they are created. */
public final class ConversationIds {

    private ConversationIds() {
    }

    /**
     * The one id of the direct conversation between two users, whichever of them opens it. A name-based
     * (version 3) UUID, so it can never equal a random user or group id, and a namespace of its own
     * ({@code direct:}) so it never equals another pair-derived aggregate id.
     */
    public static String direct(String userA, String userB) {
        return PairIds.of("direct", userA, userB);
    }
}
