package io.parley.command.conversation.web;

import io.parley.command.conversation.Conversations;
import io.parley.command.web.Ids;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.stereotype.Component;

/**
 * Sends commands to an existing conversation. An id that is not one of ours, an id the event store does not know, and
 * the id of another kind of aggregate (a user, a contact pair) get the answer a non-member gets (same code, same
 * detail), so no one learns which conversations, or which ids, exist.
 */
@Component
class ConversationCommands {

    private final CommandGateway commands;

    ConversationCommands(CommandGateway commands) {
        this.commands = commands;
    }

    <R> R send(String conversationId, Object command) {
        if (!Ids.isId(conversationId)) {
            throw Conversations.notFound(conversationId);
        }
        try {
            return commands.sendAndWait(command);
        } catch (AggregateNotFoundException | IncompatibleAggregateException unknown) {
            throw Conversations.notFound(conversationId);
        }
    }
}
