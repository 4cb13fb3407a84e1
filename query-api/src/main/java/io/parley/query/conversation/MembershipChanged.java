package io.parley.query.conversation;

import java.util.List;

import io.parley.kernel.conversation.MemberRole;
import io.parley.query.live.LiveChange;

/**
 * A member was added ({@code role} theirs) or removed ({@code left}: by themselves); {@code by} who did it,
 * {@code memberIds} the members after the change.
 */
record MembershipChanged(String conversationId, String userId, boolean added, MemberRole role, String by,
                         boolean left, List<String> memberIds) implements LiveChange {
}
