package io.parley.kernel.contact;

import java.time.Instant;

public record BlockedUserView(String userId, String displayName, Instant blockedAt) {
}
