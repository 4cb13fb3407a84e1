package io.parley.kernel.conversation;

import java.time.Instant;

/** A member at an instant of the past: the role then, and when this membership began. */
public record MemberAsOfView(String userId, MemberRole role, Instant joinedAt) {
}
