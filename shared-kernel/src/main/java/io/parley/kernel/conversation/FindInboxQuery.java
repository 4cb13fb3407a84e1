package io.parley.kernel.conversation;

/** The caller's conversations, newest activity first; {@code cursor} is the previous page's {@code nextCursor} or null. */
public record FindInboxQuery(String userId, int limit, String cursor) {
}
