package io.parley.kernel.conversation;

public record MemberView(String userId, String displayName, MemberRole role) {
}
