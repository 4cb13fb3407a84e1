package io.parley.kernel.account;

import java.time.Instant;

public record OwnProfileView(String userId, String email, String displayName, String bio, String avatarUrl,
                             Instant createdAt) {
}
