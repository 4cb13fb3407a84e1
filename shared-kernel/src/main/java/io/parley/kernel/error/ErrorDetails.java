package io.parley.kernel.error;

/** The serializable part of a domain failure: what crosses the bus when a handler rejects a message. */
public record ErrorDetails(ErrorCode code, String detail) {
}
