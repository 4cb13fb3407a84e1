package io.parley.command.conversation;

import io.parley.kernel.error.DomainException;
import io.parley.kernel.error.ErrorCode;

/** What the Conversation feature answers outside the aggregate too, so both answers are the same. */
public final class Conversations {

    /** A group's name, trimmed, in code points. */
    public static final int NAME_MAX_LENGTH = 100;
    /** A group's topic, trimmed, in code points. */
    public static final int TOPIC_MAX_LENGTH = 500;
    public static final int CLIENT_MESSAGE_ID_MAX_LENGTH = 255;

    private Conversations() {
    }

    /**
     * The one answer for an unknown conversation id and for a conversation the caller is not a member of, so that a
     * conversation's existence does not leak.
     */
    public static DomainException notFound(String conversationId) {
        return new DomainException(ErrorCode.CONVERSATION_NOT_FOUND, "No conversation " + conversationId);
    }
}
