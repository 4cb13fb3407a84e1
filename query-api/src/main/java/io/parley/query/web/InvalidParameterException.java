package io.parley.query.web;

import io.parley.kernel.error.ErrorCode;

/** A request parameter that is well-typed but unusable (a bad cursor, a contradiction); answered as a field error. */
public class InvalidParameterException extends ErrorCodeException {

    private final String parameter;
    private final String problem;

    public InvalidParameterException(String parameter, String problem) {
        super(ErrorCode.VALIDATION_FAILED, "Parameter " + parameter + " " + problem + ".");
        this.parameter = parameter;
        this.problem = problem;
    }

    String parameter() {
        return parameter;
    }

    String problem() {
        return problem;
    }
}
