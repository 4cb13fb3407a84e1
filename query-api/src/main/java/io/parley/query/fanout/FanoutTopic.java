package io.parley.query.fanout;

/** What travels between instances; each topic has its own fanout exchange. */
public enum FanoutTopic {

    /** Presence transitions: persistent, they also feed notification-handler's durable queue. */
    PRESENCE("presence", true),
    /** Typing signals: transient, worthless a few seconds later. */
    TYPING("typing", false),
    /** Read-model changes for live delivery: transient, each instance's queue ends with it. */
    CHANGES("changes", false);

    private final String key;
    private final boolean persistent;

    FanoutTopic(String key, boolean persistent) {
        this.key = key;
        this.persistent = persistent;
    }

    public String key() {
        return key;
    }

    boolean persistent() {
        return persistent;
    }
}
