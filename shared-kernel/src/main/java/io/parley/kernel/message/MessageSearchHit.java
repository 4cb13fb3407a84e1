package io.parley.kernel.message;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.parley.kernel.conversation.ConversationType;

/**
 * A found message: every field of {@link MessageView} plus the conversation's name as the searcher sees it (a
 * direct conversation's is the other member's display name), so a client lists hits without a read per conversation.
 * Flat rather than wrapping the view, so a search hit is a {@code Message} with two more fields.
 */
public record MessageSearchHit(String messageId, String conversationId, String conversationName,
                               ConversationType conversationType, long seq, String senderId, String text,
                               Instant createdAt, Instant editedAt, boolean deleted, String replyToMessageId,
                               List<String> mentions, Map<String, List<String>> reactions,
                               List<Attachment> attachments) {

    public static MessageSearchHit of(MessageView message, String conversationName,
                                      ConversationType conversationType) {
        return new MessageSearchHit(message.messageId(), message.conversationId(), conversationName,
                conversationType, message.seq(), message.senderId(), message.text(), message.createdAt(),
                message.editedAt(), message.deleted(), message.replyToMessageId(), message.mentions(),
                message.reactions(), message.attachments());
    }
}
