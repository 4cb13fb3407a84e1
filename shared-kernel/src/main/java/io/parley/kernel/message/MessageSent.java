package io.parley.kernel.message;

/** The answer to {@link SendMessageCommand}; {@code duplicate} when it was a retry and nothing was appended. */
public record MessageSent(String messageId, long seq, boolean duplicate) {
}
