package io.parley.kernel.message;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import io.parley.kernel.privacy.DataSubject;
import io.parley.kernel.privacy.PersonalData;
import org.axonframework.serialization.Revision;

/**
 * A message got the conversation's next {@code seq}. {@code replyToMessageId} is null when it is no reply.
 * {@code text} may be empty when the message has attachments. Revision 2 added {@code attachments}; revision 1
 * events are upcast with none ({@code MessageSentEventUpcaster}).
 */
@Revision("2")
public record MessageSentEvent(String conversationId, String messageId, long seq, @DataSubject String senderId,
                               String clientMessageId, @PersonalData String text, String replyToMessageId,
                               Set<String> mentions,
                               Instant sentAt, List<Attachment> attachments) implements MessageEvent {

    public MessageSentEvent {
        mentions = mentions == null ? Set.of() : Set.copyOf(mentions);
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /** A message without attachments. */
    public MessageSentEvent(String conversationId, String messageId, long seq, String senderId, String clientMessageId,
                            String text, String replyToMessageId, Set<String> mentions, Instant sentAt) {
        this(conversationId, messageId, seq, senderId, clientMessageId, text, replyToMessageId, mentions, sentAt,
                List.of());
    }
}
