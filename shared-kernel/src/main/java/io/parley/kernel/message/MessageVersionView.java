package io.parley.kernel.message;

import java.time.Instant;

public record MessageVersionView(String text, Instant editedAt) {
}
