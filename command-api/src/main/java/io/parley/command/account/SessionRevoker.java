package io.parley.command.account;

import java.util.Collection;
import java.util.List;

/**
 * Ends login sessions on behalf of the User aggregate, inside the command's transaction, so the sessions
 * table and the {@code SessionsRevokedEvent} agree.
 */
public interface SessionRevoker {

    /** Revokes those of the given sessions that belong to the user and are still active; returns their ids. */
    List<String> revoke(String userId, Collection<String> sessionIds);

    /** Revokes every active session of the user except {@code keptSessionId} (null keeps none). */
    List<String> revokeAllExcept(String userId, String keptSessionId);
}
