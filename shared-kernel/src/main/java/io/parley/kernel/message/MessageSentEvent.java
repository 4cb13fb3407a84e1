package io.parley.kernel.message;

import java.time.Instant;
import java.util.Set;

import org.axonframework.serialization.Revision;

/** A message got the conversation's next {@code seq}. {@code replyToMessageId} is null when it is no reply. */
@Revision("1")
public record MessageSentEvent(String conversationId, String messageId, long seq, String senderId,
                               String clientMessageId, String text, String replyToMessageId, Set<String> mentions,
                               Instant sentAt) implements MessageEvent {

    public MessageSentEvent {
        mentions = mentions == null ? Set.of() : Set.copyOf(mentions);
    }
}
