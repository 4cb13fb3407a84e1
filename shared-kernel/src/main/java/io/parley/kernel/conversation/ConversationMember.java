package io.parley.kernel.conversation;

public record ConversationMember(String userId, MemberRole role) {
}
