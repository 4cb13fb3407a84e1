package io.parley.kernel.message;

import java.util.List;

/**
 * Messages after a seq, ascending, each a {@link MessageChangeType#CREATED} change with its version; messages hidden
 * for the reader are left out. {@code lastSeq} is the highest seq this page covers (hidden ones included), so the
 * next page or the live updates continue right after it; {@code complete} when no further page is needed.
 */
public record MessageBacklog(List<MessageChange> items, long lastSeq, boolean complete) {
}
