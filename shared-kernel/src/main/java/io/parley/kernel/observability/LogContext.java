package io.parley.kernel.observability;

import java.util.Map;

import org.slf4j.MDC;

/**
 * The MDC keys every service logs with (structured logs show them as fields). {@code traceId} is the key Spring
 * Boot's tracing writes; Parley copies it (and the request id) into event metadata and notification jobs, and back
 * into the MDC where those are handled.
 */
public final class LogContext {

    public static final String REQUEST_ID = "requestId";
    public static final String TRACE_ID = "traceId";
    public static final String USER_ID = "userId";
    /** Event metadata keys: Axon's own {@code traceId} metadata is the id of the first message, so not that name. */
    public static final String REQUEST_ID_METADATA = "parleyRequestId";
    public static final String TRACE_ID_METADATA = "parleyTraceId";

    private LogContext() {
    }

    /** What the MDC of this thread says about the request it serves, as event metadata (empty outside a request). */
    public static Map<String, String> asMetadata() {
        String requestId = MDC.get(REQUEST_ID);
        String traceId = MDC.get(TRACE_ID);
        if (requestId == null && traceId == null) {
            return Map.of();
        }
        if (requestId == null) {
            return Map.of(TRACE_ID_METADATA, traceId);
        }
        return traceId == null ? Map.of(REQUEST_ID_METADATA, requestId)
                : Map.of(REQUEST_ID_METADATA, requestId, TRACE_ID_METADATA, traceId);
    }

    /** Puts the ids of event metadata (or job headers) into the MDC; returns what to call to take them out again. */
    public static Runnable restore(Object requestId, Object traceId) {
        if (requestId instanceof String id) {
            MDC.put(REQUEST_ID, id);
        }
        if (traceId instanceof String id) {
            MDC.put(TRACE_ID, id);
        }
        return () -> {
            MDC.remove(REQUEST_ID);
            MDC.remove(TRACE_ID);
        };
    }
}
