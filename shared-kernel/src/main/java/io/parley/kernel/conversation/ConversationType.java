package io.parley.kernel.conversation;

public enum ConversationType {
    DIRECT,
    GROUP
}
