package io.parley.query.inbox;

import java.util.List;

import io.parley.query.live.LiveChange;

/** The conversation came into these users' inboxes (created with them, or they were added). */
record InboxEntriesAdded(String conversationId, List<String> userIds) implements LiveChange {
}
