package io.parley.query.web;

import io.parley.kernel.error.ErrorCode;

/** A read failed for a reason clients can branch on; the advice answers it with the code's status. */
public class ErrorCodeException extends RuntimeException {

    private final ErrorCode code;

    public ErrorCodeException(ErrorCode code, String detail) {
        super(detail, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
