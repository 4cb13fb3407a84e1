package io.parley.kernel.message;

import java.util.List;
import java.util.Set;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sends a message. {@code messageId} is proposed by the caller and used only when this is not a retry: a second
 * command with the same sender and {@code clientMessageId} is answered with the first one's {@link MessageSent}.
 * {@code attachmentIds}: at most {@value #MAX_ATTACHMENTS} files the sender uploaded to this conversation and has not
 * sent yet, in the order members see them.
 */
public record SendMessageCommand(@TargetAggregateIdentifier String conversationId, String senderId,
                                 String clientMessageId, String messageId, String text, String replyToMessageId,
                                 Set<String> mentions, List<String> attachmentIds) {

    public static final int MAX_ATTACHMENTS = 10;

    public SendMessageCommand {
        mentions = mentions == null ? Set.of() : Set.copyOf(mentions);
        attachmentIds = attachmentIds == null ? List.of() : List.copyOf(attachmentIds);
    }

    /** A message without attachments. */
    public SendMessageCommand(String conversationId, String senderId, String clientMessageId, String messageId,
                              String text, String replyToMessageId, Set<String> mentions) {
        this(conversationId, senderId, clientMessageId, messageId, text, replyToMessageId, mentions, List.of());
    }
}
