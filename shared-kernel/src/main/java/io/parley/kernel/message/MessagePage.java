package io.parley.kernel.message;

import java.util.List;

/**
 * Messages ascending by seq. {@code nextCursor} continues in the direction asked: the {@code beforeSeq} of the
 * older page (newest or {@code beforeSeq} pages) or the {@code afterSeq} of the newer page; null when there is none.
 */
public record MessagePage(List<MessageView> items, Long nextCursor) {
}
