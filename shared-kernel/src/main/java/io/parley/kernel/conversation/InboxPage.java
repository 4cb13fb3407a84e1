package io.parley.kernel.conversation;

import java.util.List;

/** One page of the inbox; {@code nextCursor} is null on the last page. */
public record InboxPage(List<InboxItemView> items, String nextCursor) {
}
