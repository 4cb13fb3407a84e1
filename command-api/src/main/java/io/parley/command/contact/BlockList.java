package io.parley.command.contact;

import java.util.Collection;

/**
 * Who blocked whom: written by the {@code Contact} aggregate in the transaction that appends its block events, read
 * by the {@code Conversation} aggregate, which must not load another aggregate to find out.
 */
public interface BlockList {

    /** Whether either user has blocked the other. */
    boolean blockedEitherWay(String userA, String userB);

    /** Whether the user has blocked, or is blocked by, any of the others. */
    boolean blockedEitherWayWithAny(String user, Collection<String> others);

    void block(String blockerId, String blockedId);

    void unblock(String blockerId, String blockedId);
}
