package io.parley.query.presence;

/** Told of every presence transition of every user, whichever instance saw it. */
public interface PresenceListener {

    void presenceChanged(PresenceChange change);
}
