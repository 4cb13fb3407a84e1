package io.parley.kernel.contact;

public record ContactView(String userId, String displayName, boolean online) {
}
