package io.parley.kernel.contact;

/** The caller's pending contact requests, received and sent. */
public record FindContactRequestsQuery(String userId) {
}
