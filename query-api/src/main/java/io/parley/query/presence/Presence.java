package io.parley.query.presence;

/**
 * Where live delivery reports sockets opening and closing. A user is online while at least one of their sockets is
 * open on any instance; every transition reaches every {@link PresenceListener} of every instance once.
 */
public interface Presence {

    /** A socket of the user opened; {@code connectionId} is unique per socket (the STOMP session id). */
    void connected(String userId, String connectionId);

    /** That socket closed (normally or not); unknown ids are ignored. */
    void disconnected(String userId, String connectionId);
}
