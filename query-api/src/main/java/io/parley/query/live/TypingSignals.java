package io.parley.query.live;

import io.parley.kernel.error.DomainException;
import io.parley.query.conversation.ConversationAccess;
import org.springframework.stereotype.Component;

/**
 * A member's typing signal: checked for membership, then published to the conversation's subscribers. Runs on the
 * thread that read the frame, so one session's signals keep their order (they are rate-limited, and cheap).
 */
@Component
class TypingSignals {

    private final ConversationAccess access;
    private final TypingPublisher publisher;

    TypingSignals(ConversationAccess access, TypingPublisher publisher) {
        this.access = access;
        this.publisher = publisher;
    }

    void send(LiveSession session, String conversationId, boolean typing) {
        try {
            access.requireMember(conversationId, session.userId());
        } catch (DomainException e) {
            throw new StompRejection(e.code(), e.getMessage());
        }
        publisher.publish(new TypingSignal(conversationId, session.userId(), typing, session.id()));
    }
}
