package io.parley.query.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.parley.query.presence.PresenceChange;
import io.parley.query.presence.PresenceListener;

/** A presence listener of the booted service that remembers every transition it was told, for assertions. */
public class PresenceRecorder implements PresenceListener {

    private final List<PresenceChange> changes = new CopyOnWriteArrayList<>();

    @Override
    public void presenceChanged(PresenceChange change) {
        changes.add(change);
    }

    /** The transitions of one user, in the order this instance was told them. */
    public List<PresenceChange> of(String userId) {
        return changes.stream().filter(change -> change.userId().equals(userId)).toList();
    }
}
