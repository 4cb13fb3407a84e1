package io.parley.kernel.message;

import java.util.List;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sends several messages to one conversation in one unit of work, in order (command-api's group commit of the sends
 * queued for a conversation's turn): answered with one {@link MessageSent} per message, in the same order. A message
 * the conversation refuses fails the whole command and nothing is appended; the sender then sends each one alone.
 */
public record SendMessagesCommand(@TargetAggregateIdentifier String conversationId, List<SendMessageCommand> messages) {

    public SendMessagesCommand {
        messages = List.copyOf(messages);
        if (messages.stream().anyMatch(message -> !message.conversationId().equals(conversationId))) {
            throw new IllegalArgumentException("Every message of a batch is to conversation " + conversationId);
        }
    }
}
