package io.parley.query.audit;

/** What an audit entry records; one per event type it is projected from. */
enum AuditAction {
    USER_DEACTIVATED,
    USER_REACTIVATED,
    USER_DELETED,
    CONVERSATION_CREATED,
    CONVERSATION_DETAILS_CHANGED,
    CONVERSATION_ARCHIVED,
    MEMBER_ADDED,
    MEMBER_REMOVED,
    MEMBER_LEFT,
    MEMBER_ROLE_CHANGED,
    MESSAGE_DELETED,
    MESSAGE_REMOVED
}
