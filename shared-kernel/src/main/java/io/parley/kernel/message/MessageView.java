package io.parley.kernel.message;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A message as members see it; deleted for everyone: {@code deleted}, no text, no reactions, no attachments. */
public record MessageView(String messageId, String conversationId, long seq, String senderId, String text,
                          Instant createdAt, Instant editedAt, boolean deleted, String replyToMessageId,
                          List<String> mentions, Map<String, List<String>> reactions, List<Attachment> attachments) {

    public MessageView {
        attachments = attachments == null ? List.of() : attachments;
    }
}
