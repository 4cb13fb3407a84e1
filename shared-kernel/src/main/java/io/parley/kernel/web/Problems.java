package io.parley.kernel.web;

import java.util.Map;

import io.parley.kernel.error.ErrorCode;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** RFC 9457 problem details with Parley's stable {@code code} (and {@code errors} for field validation). */
public final class Problems {

    public static final String CODE = "code";
    public static final String ERRORS = "errors";

    private Problems() {
    }

    public static ProblemDetail of(ErrorCode code, String detail) {
        HttpStatus status = HttpStatus.valueOf(code.kind().status());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(status.getReasonPhrase());
        problem.setProperty(CODE, code.name());
        return problem;
    }

    public static ProblemDetail invalidFields(Map<String, String> errors) {
        ProblemDetail problem = of(ErrorCode.VALIDATION_FAILED, "The request has invalid fields.");
        problem.setProperty(ERRORS, errors);
        return problem;
    }
}
