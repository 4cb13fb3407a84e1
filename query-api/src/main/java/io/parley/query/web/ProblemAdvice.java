package io.parley.query.web;

import java.util.LinkedHashMap;
import java.util.Map;

import io.parley.kernel.error.DomainException;
import io.parley.kernel.error.ErrorCode;
import io.parley.kernel.web.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The one place where failures become RFC 9457 problem details with a stable {@code code}; security failures
 * arrive here too (through {@code ParleyResourceServer}). Bad input is always a 4xx.
 */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    @ExceptionHandler(InvalidHeaderException.class)
    ResponseEntity<Object> invalidHeader(InvalidHeaderException e) {
        return problem(Problems.invalidFields(Map.of(e.header(), e.problem())), new HttpHeaders());
    }

    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<Object> invalidParameter(InvalidParameterException e) {
        return problem(Problems.invalidFields(Map.of(e.parameter(), e.problem())), new HttpHeaders());
    }

    @ExceptionHandler(PositionNotReachedException.class)
    ResponseEntity<Object> positionNotReached(PositionNotReachedException e) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, e.retryAfter().toSeconds())));
        return problem(Problems.of(e.code(), e.getMessage()), headers);
    }

    @ExceptionHandler(ErrorCodeException.class)
    ResponseEntity<Object> errorCode(ErrorCodeException e) {
        return problem(Problems.of(e.code(), e.getMessage()), new HttpHeaders());
    }

    @ExceptionHandler(DomainException.class)
    ResponseEntity<Object> domain(DomainException e) {
        return problem(Problems.of(e.code(), e.getMessage()), new HttpHeaders());
    }

    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<Object> unauthenticated(AuthenticationException e) {
        HttpHeaders headers = new HttpHeaders();
        boolean tokenPresented = e instanceof OAuth2AuthenticationException;
        headers.set(HttpHeaders.WWW_AUTHENTICATE, tokenPresented ? "Bearer error=\"invalid_token\"" : "Bearer");
        String detail = tokenPresented ? "The access token is invalid, expired or revoked."
                : "An access token is required.";
        return problem(Problems.of(ErrorCode.INVALID_TOKEN, detail), headers);
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Object> accessDenied(AccessDeniedException e) {
        return problem(Problems.of(ErrorCode.ACCESS_DENIED, "You are not allowed to do this."), new HttpHeaders());
    }

    /** A query string Tomcat cannot decode (invalid percent-encoding or UTF-8). */
    @ExceptionHandler(org.apache.tomcat.util.http.InvalidParameterException.class)
    ResponseEntity<Object> undecodableParameters(org.apache.tomcat.util.http.InvalidParameterException e) {
        return problem(Problems.of(ErrorCode.MALFORMED_REQUEST, "The query string is not valid percent-encoded UTF-8."),
                new HttpHeaders());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        log.error("Unexpected failure", e);
        return problem(Problems.of(ErrorCode.INTERNAL_ERROR, "Something went wrong on our side."), new HttpHeaders());
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return problem(Problems.invalidFields(Map.of(e.getParameterName(), "is required")), headers);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String name = e instanceof MethodArgumentTypeMismatchException mismatch ? mismatch.getName()
                : String.valueOf(e.getPropertyName());
        return problem(Problems.invalidFields(Map.of(name, "has the wrong type")), headers);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Map<String, String> errors = new LinkedHashMap<>();
        e.getBindingResult().getFieldErrors()
                .forEach(error -> errors.putIfAbsent(error.getField(), String.valueOf(error.getDefaultMessage())));
        return problem(Problems.invalidFields(errors), headers);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (ParameterValidationResult result : e.getParameterValidationResults()) {
            RequestParam param = result.getMethodParameter().getParameterAnnotation(RequestParam.class);
            String name = param != null && !param.name().isEmpty() ? param.name()
                    : result.getMethodParameter().getParameterName();
            result.getResolvableErrors()
                    .forEach(error -> errors.putIfAbsent(name, String.valueOf(error.getDefaultMessage())));
        }
        return problem(Problems.invalidFields(errors), headers);
    }

    /** Every other MVC failure keeps Spring's status and detail and gains a code. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = body instanceof ProblemDetail detail ? detail
                : e instanceof ErrorResponse response ? response.getBody()
                : ProblemDetail.forStatus(status);
        if (problem.getProperties() == null || !problem.getProperties().containsKey(Problems.CODE)) {
            ErrorCode code = codeFor(status, e);
            if (code != null) {
                problem.setProperty(Problems.CODE, code.name());
            }
        }
        return ResponseEntity.status(status).headers(headers).body(problem);
    }

    private static ErrorCode codeFor(HttpStatusCode status, Exception e) {
        return switch (status.value()) {
            case 401 -> ErrorCode.INVALID_TOKEN;
            case 403 -> ErrorCode.ACCESS_DENIED;
            case 404 -> ErrorCode.NOT_FOUND;
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
            case 429 -> ErrorCode.RATE_LIMITED;
            default -> status.is4xxClientError() || e instanceof HttpRequestMethodNotSupportedException
                    ? ErrorCode.MALFORMED_REQUEST : null;
        };
    }

    private static ResponseEntity<Object> problem(ProblemDetail problem, HttpHeaders headers) {
        return ResponseEntity.status(problem.getStatus()).headers(headers).body(problem);
    }
}
