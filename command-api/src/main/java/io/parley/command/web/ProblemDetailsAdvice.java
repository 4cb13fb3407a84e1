package io.parley.command.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.parley.kernel.error.ErrorCode;
import io.parley.kernel.error.ErrorDetails;
import io.parley.kernel.web.Problems;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;

/**
 * Every error of this service as an RFC 9457 problem detail with a stable {@code code}. Domain failures are
 * mapped by their code, never by their message; bad input of any kind is a 4xx, never a 500.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    private static final Map<Integer, ErrorCode> CODES_BY_STATUS = Map.of(
            400, ErrorCode.MALFORMED_REQUEST,
            401, ErrorCode.INVALID_TOKEN,
            403, ErrorCode.ACCESS_DENIED,
            404, ErrorCode.NOT_FOUND,
            405, ErrorCode.METHOD_NOT_ALLOWED,
            406, ErrorCode.NOT_ACCEPTABLE,
            409, ErrorCode.STALE_STATE,
            413, ErrorCode.PAYLOAD_TOO_LARGE,
            415, ErrorCode.UNSUPPORTED_MEDIA_TYPE,
            429, ErrorCode.RATE_LIMITED);

    @ExceptionHandler(CommandExecutionException.class)
    ResponseEntity<ProblemDetail> commandFailed(CommandExecutionException failure) {
        Optional<ErrorDetails> details = failure.getDetails()
                .filter(ErrorDetails.class::isInstance)
                .map(ErrorDetails.class::cast);
        if (details.isEmpty()) {
            return unexpected(failure);
        }
        return problem(Problems.of(details.get().code(), details.get().detail()));
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<ProblemDetail> aggregateNotFound(AggregateNotFoundException failure) {
        return problem(Problems.of(ErrorCode.NOT_FOUND, "No such resource."));
    }

    @ExceptionHandler(ConcurrencyException.class)
    ResponseEntity<ProblemDetail> concurrentChange(ConcurrencyException failure) {
        return problem(Problems.of(ErrorCode.STALE_STATE, "The resource changed concurrently; try again."));
    }

    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<ProblemDetail> unauthenticated(AuthenticationException failure) {
        String challenge = failure instanceof InvalidBearerTokenException ? "Bearer error=\"invalid_token\"" : "Bearer";
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, challenge)
                .body(Problems.of(ErrorCode.INVALID_TOKEN, "A valid bearer token is required."));
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> denied(AccessDeniedException failure) {
        return problem(Problems.of(ErrorCode.ACCESS_DENIED, "Not allowed."));
    }

    @ExceptionHandler(RateLimitedException.class)
    ResponseEntity<ProblemDetail> rateLimited(RateLimitedException failure) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(failure.retryAfterSeconds()))
                .body(Problems.of(ErrorCode.RATE_LIMITED, "Too many requests; retry later."));
    }

    @ExceptionHandler(PayloadTooLargeException.class)
    ResponseEntity<ProblemDetail> tooLarge(PayloadTooLargeException failure) {
        return problem(tooLargeProblem());
    }

    /** 408, and the connection closes: the rest of the body is not worth waiting for. */
    @ExceptionHandler(RequestTimeoutException.class)
    ResponseEntity<ProblemDetail> tooSlow(RequestTimeoutException failure) {
        return ResponseEntity.status(HttpStatus.REQUEST_TIMEOUT).header(HttpHeaders.CONNECTION, "close")
                .body(tooSlowProblem());
    }

    /** A query string Tomcat cannot decode (invalid percent-encoding or UTF-8). */
    @ExceptionHandler(org.apache.tomcat.util.http.InvalidParameterException.class)
    ResponseEntity<ProblemDetail> undecodableParameters(org.apache.tomcat.util.http.InvalidParameterException failure) {
        return ResponseEntity.badRequest().body(Problems.of(ErrorCode.MALFORMED_REQUEST,
                "The query string is not valid percent-encoded UTF-8."));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception failure) {
        if (Overload.causedBy(failure)) {
            return overloaded();
        }
        log.error("Unexpected failure", failure);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
                .body(Problems.of(ErrorCode.INTERNAL_ERROR, "Something went wrong on our side."));
    }

    /** 503 with Retry-After: every write is safe to repeat (sends by their clientMessageId), so clients retry. */
    static ResponseEntity<ProblemDetail> overloaded() {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(Overload.RETRY_AFTER_SECONDS))
                .body(Problems.of(ErrorCode.OVERLOADED, "Too many requests are waiting; retry in "
                        + Overload.RETRY_AFTER_SECONDS + " s."));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (FieldError error : ex.getBindingResult().getFieldErrors()) {
            errors.putIfAbsent(error.getField(), error.getDefaultMessage());
        }
        ex.getBindingResult().getGlobalErrors()
                .forEach(error -> errors.putIfAbsent(error.getObjectName(), error.getDefaultMessage()));
        return ResponseEntity.badRequest().body(Problems.invalidFields(errors));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
                                                                            HttpHeaders headers,
                                                                            HttpStatusCode status,
                                                                            WebRequest request) {
        Map<String, String> errors = new LinkedHashMap<>();
        ex.getParameterValidationResults().forEach(result -> errors.putIfAbsent(
                result.getMethodParameter().getParameterName(),
                result.getResolvableErrors().isEmpty() ? "invalid"
                        : result.getResolvableErrors().getFirst().getDefaultMessage()));
        return ResponseEntity.badRequest().body(Problems.invalidFields(errors));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        if (causedBy(ex, PayloadTooLargeException.class)) {
            return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(tooLargeProblem());
        }
        if (causedBy(ex, RequestTimeoutException.class)) {
            return ResponseEntity.status(HttpStatus.REQUEST_TIMEOUT).header(HttpHeaders.CONNECTION, "close")
                    .body(tooSlowProblem());
        }
        ProblemDetail problem = Problems.of(ErrorCode.MALFORMED_REQUEST,
                "The request body is not valid JSON of the expected shape.");
        if (ex.getCause() instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
            problem.setProperty(Problems.ERRORS, Map.of(fieldPath(jackson), "has the wrong type or format"));
        }
        return ResponseEntity.badRequest().body(problem);
    }

    /** Spring's own exceptions (404, 405, 415, …) get the stable code of their status. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
                                                          WebRequest request) {
        if (body instanceof ProblemDetail problem
                && (problem.getProperties() == null || !problem.getProperties().containsKey(Problems.CODE))) {
            ErrorCode code = CODES_BY_STATUS.get(statusCode.value());
            if (code != null) {
                problem.setProperty(Problems.CODE, code.name());
            }
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    private static String fieldPath(JacksonException failure) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : failure.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    private static ProblemDetail tooSlowProblem() {
        return Problems.of(ErrorCode.REQUEST_TIMEOUT, "The request body did not arrive in time.");
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private static ProblemDetail tooLargeProblem() {
        return Problems.of(ErrorCode.PAYLOAD_TOO_LARGE, "The request body is larger than allowed.");
    }

    private static ResponseEntity<ProblemDetail> problem(ProblemDetail problem) {
        ResponseEntity.BodyBuilder response = ResponseEntity.status(problem.getStatus());
        if (problem.getStatus() == HttpStatus.UNAUTHORIZED.value()) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return response.body(problem);
    }
}
