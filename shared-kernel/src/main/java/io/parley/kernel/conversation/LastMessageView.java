package io.parley.kernel.conversation;

import java.time.Instant;

/** The latest message of a conversation the member can see; {@code text} is null when it was deleted. */
public record LastMessageView(String messageId, long seq, String senderId, String text, Instant createdAt,
                              boolean deleted) {
}
