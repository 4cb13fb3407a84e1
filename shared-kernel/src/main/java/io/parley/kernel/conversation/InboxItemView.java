package io.parley.kernel.conversation;

import java.time.Instant;

/** A conversation as one member sees it in the inbox; {@code lastMessage} is null before the first message. */
public record InboxItemView(String conversationId, ConversationType type, String name, int memberCount,
                            LastMessageView lastMessage, long unreadCount, long lastReadSeq, boolean muted,
                            Instant lastActivityAt) {
}
