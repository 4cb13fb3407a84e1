package io.parley.kernel.web;

import java.util.Map;

import io.parley.kernel.error.ErrorCode;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The servlet container's error page as a problem detail, in place of Spring Boot's: errors the container itself
 * answers carry their status and Parley's code, and {@code /error} asked for directly is a 404 (Boot's answers
 * that with a 500); what Tomcat refuses before any servlet sees it is answered by {@link ProblemErrorReportValve}.
 */
@RestController
public class ProblemErrorController implements ErrorController {

    private static final Map<Integer, ErrorCode> CODES = Map.of(
            400, ErrorCode.MALFORMED_REQUEST,
            401, ErrorCode.INVALID_TOKEN,
            403, ErrorCode.ACCESS_DENIED,
            404, ErrorCode.NOT_FOUND,
            405, ErrorCode.METHOD_NOT_ALLOWED,
            406, ErrorCode.NOT_ACCEPTABLE,
            408, ErrorCode.REQUEST_TIMEOUT,
            413, ErrorCode.PAYLOAD_TOO_LARGE,
            415, ErrorCode.UNSUPPORTED_MEDIA_TYPE,
            429, ErrorCode.RATE_LIMITED);

    /** Parley's code for an error status the container answers. */
    static ErrorCode code(int status) {
        return CODES.getOrDefault(status, status < 500 ? ErrorCode.MALFORMED_REQUEST : ErrorCode.INTERNAL_ERROR);
    }

    /** Tomcat's error page for requests it refuses itself, in place of its HTML one. */
    @Bean
    static WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReportValve() {
        return factory -> factory.addContextCustomizers(context -> context.addLifecycleListener(event -> {
            if (Lifecycle.BEFORE_START_EVENT.equals(event.getType())) {
                Pipeline pipeline = context.getParent().getPipeline();
                for (Valve valve : pipeline.getValves()) {
                    if (valve instanceof ErrorReportValve) {
                        pipeline.removeValve(valve);
                    }
                }
                pipeline.addValve(new ProblemErrorReportValve());
            }
        }));
    }

    @RequestMapping("${server.error.path:/error}")
    public ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        HttpStatus status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code
                ? HttpStatus.resolve(code) : null;
        if (status == null || !status.isError()) {
            status = HttpStatus.NOT_FOUND;
        }
        ErrorCode code = code(status.value());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status,
                status.is4xxClientError() ? "The request was refused." : "Something went wrong on our side.");
        problem.setTitle(status.getReasonPhrase());
        problem.setProperty(Problems.CODE, code.name());
        return ResponseEntity.status(status).body(problem);
    }
}
