package io.parley.kernel.message;

import java.time.Instant;

/**
 * One version of a message's text: {@code version} counts from 1 (the original), {@code at} is when it was sent or
 * edited and {@code actorId} who did it; {@code editedAt} is null for the original.
 */
public record MessageVersionView(int version, String text, Instant at, String actorId, Instant editedAt) {
}
