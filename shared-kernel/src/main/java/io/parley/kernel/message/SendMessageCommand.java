package io.parley.kernel.message;

import java.util.Set;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sends a message. {@code messageId} is proposed by the caller and used only when this is not a retry: a second
 * command with the same sender and {@code clientMessageId} is answered with the first one's {@link MessageSent}.
 */
public record SendMessageCommand(@TargetAggregateIdentifier String conversationId, String senderId,
                                 String clientMessageId, String messageId, String text, String replyToMessageId,
                                 Set<String> mentions) {

    public SendMessageCommand {
        mentions = mentions == null ? Set.of() : Set.copyOf(mentions);
    }
}
