package io.parley.kernel.message;

import java.util.List;

/** The original text first ({@code editedAt} null), then each edit; empty once deleted for everyone. */
public record MessageHistoryView(List<MessageVersionView> items) {
}
