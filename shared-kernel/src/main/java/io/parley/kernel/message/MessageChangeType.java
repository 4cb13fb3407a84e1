package io.parley.kernel.message;

/** What a {@link MessageChange} did. */
public enum MessageChangeType {
    CREATED,
    EDITED,
    DELETED,
    REACTION_ADDED,
    REACTION_REMOVED,
    MEMBER_REMOVED
}
