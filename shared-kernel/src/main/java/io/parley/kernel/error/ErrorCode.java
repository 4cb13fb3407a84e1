package io.parley.kernel.error;

/** Stable codes clients can branch on; the text of a problem detail is for people. */
public enum ErrorCode {
    VALIDATION_FAILED(ErrorKind.INVALID),
    MALFORMED_REQUEST(ErrorKind.INVALID),
    INVALID_RESET_TOKEN(ErrorKind.INVALID),
    CANNOT_TARGET_SELF(ErrorKind.INVALID),
    INVALID_CONVERSATION_NAME(ErrorKind.INVALID),
    INVALID_TOPIC(ErrorKind.INVALID),
    INVALID_ROLE_CHANGE(ErrorKind.INVALID),
    MESSAGE_TEXT_EMPTY(ErrorKind.INVALID),
    MESSAGE_TEXT_TOO_LONG(ErrorKind.INVALID),
    INVALID_REPLY_TARGET(ErrorKind.INVALID),
    MENTION_NOT_MEMBER(ErrorKind.INVALID),
    INVALID_REACTION(ErrorKind.INVALID),
    /** An attachment id in a send that is not the sender's unsent upload to this conversation (one answer for all). */
    INVALID_ATTACHMENT(ErrorKind.INVALID),
    SEQ_OUT_OF_RANGE(ErrorKind.INVALID),
    /** A STOMP frame out of order: anything before CONNECT, or a second CONNECT. Fix the client; do not retry. */
    PROTOCOL_VIOLATION(ErrorKind.INVALID),
    INVALID_CREDENTIALS(ErrorKind.UNAUTHENTICATED),
    INVALID_TOKEN(ErrorKind.UNAUTHENTICATED),
    INVALID_REFRESH_TOKEN(ErrorKind.UNAUTHENTICATED),
    REFRESH_TOKEN_REUSED(ErrorKind.UNAUTHENTICATED),
    ACCESS_DENIED(ErrorKind.FORBIDDEN),
    INSUFFICIENT_ROLE(ErrorKind.FORBIDDEN),
    NOT_MESSAGE_AUTHOR(ErrorKind.FORBIDDEN),
    NOT_ALLOWED_IN_DIRECT_CONVERSATION(ErrorKind.FORBIDDEN),
    NOT_REQUEST_RECIPIENT(ErrorKind.FORBIDDEN),
    BLOCKED(ErrorKind.FORBIDDEN),
    /** A login (right password) to an account an ADMIN deactivated. */
    USER_DEACTIVATED(ErrorKind.FORBIDDEN),
    NOT_FOUND(ErrorKind.NOT_FOUND),
    USER_NOT_FOUND(ErrorKind.NOT_FOUND),
    /** Also what a non-member gets, with the same detail, so conversation ids do not leak. */
    CONVERSATION_NOT_FOUND(ErrorKind.NOT_FOUND),
    MEMBER_NOT_FOUND(ErrorKind.NOT_FOUND),
    MESSAGE_NOT_FOUND(ErrorKind.NOT_FOUND),
    CONTACT_REQUEST_NOT_FOUND(ErrorKind.NOT_FOUND),
    CONTACT_NOT_FOUND(ErrorKind.NOT_FOUND),
    PROJECTION_NOT_FOUND(ErrorKind.NOT_FOUND),
    /** Also what someone who is not a member of the attachment's conversation gets, so ids do not leak. */
    ATTACHMENT_NOT_FOUND(ErrorKind.NOT_FOUND),
    METHOD_NOT_ALLOWED(ErrorKind.METHOD_NOT_ALLOWED),
    NOT_ACCEPTABLE(ErrorKind.NOT_ACCEPTABLE),
    UNSUPPORTED_MEDIA_TYPE(ErrorKind.UNSUPPORTED_MEDIA_TYPE),
    /** An upload whose type, detected from its bytes, is not on the list of allowed types. */
    ATTACHMENT_TYPE_NOT_ALLOWED(ErrorKind.UNSUPPORTED_MEDIA_TYPE),
    /** The request body did not arrive within the time allowed (a client trickling it). */
    REQUEST_TIMEOUT(ErrorKind.REQUEST_TIMEOUT),
    EMAIL_TAKEN(ErrorKind.CONFLICT),
    STALE_STATE(ErrorKind.CONFLICT),
    USER_DELETED(ErrorKind.CONFLICT),
    ALREADY_MEMBER(ErrorKind.CONFLICT),
    ALREADY_CONTACTS(ErrorKind.CONFLICT),
    MESSAGE_DELETED(ErrorKind.CONFLICT),
    /** A send, edit, reaction, member or detail change in a conversation an ADMIN archived. */
    CONVERSATION_ARCHIVED(ErrorKind.CONFLICT),
    CLIENT_MESSAGE_ID_REUSED(ErrorKind.CONFLICT),
    /** An upload that would take the uploader's stored files past their quota. */
    QUOTA_EXCEEDED(ErrorKind.CONFLICT),
    /** A rebuild of that projection runs already. */
    REBUILD_RUNNING(ErrorKind.CONFLICT),
    /** Another instance processes (part of) that projection, so this one cannot switch it. */
    PROJECTION_NOT_OWNED(ErrorKind.CONFLICT),
    PAYLOAD_TOO_LARGE(ErrorKind.TOO_LARGE),
    RATE_LIMITED(ErrorKind.RATE_LIMITED),
    INTERNAL_ERROR(ErrorKind.INTERNAL),
    POSITION_NOT_REACHED(ErrorKind.UNAVAILABLE),
    /**
     * No database connection or conversation turn within the wait, or the database connection was lost (a
     * transaction neither committed nor rolled back): retry the same request after Retry-After.
     */
    OVERLOADED(ErrorKind.UNAVAILABLE),
    /**
     * Answered by the gateway, not a service: the service is down, broke the connection or did not answer in time.
     * The request may have been carried out: repeat it after Retry-After.
     */
    UNAVAILABLE(ErrorKind.UNAVAILABLE);

    private final ErrorKind kind;

    ErrorCode(ErrorKind kind) {
        this.kind = kind;
    }

    public ErrorKind kind() {
        return kind;
    }
}
