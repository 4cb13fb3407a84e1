package io.parley.kernel.account;

import java.time.Instant;

public record UserView(String userId, String displayName, String bio, String avatarUrl, boolean online,
                       Instant lastSeenAt) {
}
