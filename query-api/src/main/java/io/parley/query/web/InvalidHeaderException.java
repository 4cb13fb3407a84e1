package io.parley.query.web;

import io.parley.kernel.error.ErrorCode;

/** A request header that cannot be understood; answered as a field error named after the header. */
class InvalidHeaderException extends ErrorCodeException {

    private final String header;
    private final String problem;

    InvalidHeaderException(String header, String problem) {
        super(ErrorCode.VALIDATION_FAILED, "Header " + header + " " + problem + ".");
        this.header = header;
        this.problem = problem;
    }

    String header() {
        return header;
    }

    String problem() {
        return problem;
    }
}
