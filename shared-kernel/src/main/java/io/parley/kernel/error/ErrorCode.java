package io.parley.kernel.error;

/** Stable codes clients can branch on; the text of a problem detail is for people. */
public enum ErrorCode {
    VALIDATION_FAILED(ErrorKind.INVALID),
    MALFORMED_REQUEST(ErrorKind.INVALID),
    INVALID_RESET_TOKEN(ErrorKind.INVALID),
    INVALID_CREDENTIALS(ErrorKind.UNAUTHENTICATED),
    INVALID_TOKEN(ErrorKind.UNAUTHENTICATED),
    INVALID_REFRESH_TOKEN(ErrorKind.UNAUTHENTICATED),
    REFRESH_TOKEN_REUSED(ErrorKind.UNAUTHENTICATED),
    ACCESS_DENIED(ErrorKind.FORBIDDEN),
    NOT_FOUND(ErrorKind.NOT_FOUND),
    USER_NOT_FOUND(ErrorKind.NOT_FOUND),
    METHOD_NOT_ALLOWED(ErrorKind.METHOD_NOT_ALLOWED),
    NOT_ACCEPTABLE(ErrorKind.NOT_ACCEPTABLE),
    UNSUPPORTED_MEDIA_TYPE(ErrorKind.UNSUPPORTED_MEDIA_TYPE),
    EMAIL_TAKEN(ErrorKind.CONFLICT),
    STALE_STATE(ErrorKind.CONFLICT),
    USER_DELETED(ErrorKind.CONFLICT),
    PAYLOAD_TOO_LARGE(ErrorKind.TOO_LARGE),
    RATE_LIMITED(ErrorKind.RATE_LIMITED),
    POSITION_NOT_REACHED(ErrorKind.UNAVAILABLE);

    private final ErrorKind kind;

    ErrorCode(ErrorKind kind) {
        this.kind = kind;
    }

    public ErrorKind kind() {
        return kind;
    }
}
