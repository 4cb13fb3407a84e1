package io.parley.command.conversation.web;

import io.parley.command.conversation.Conversations;
import io.parley.command.web.Ids;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.lock.Lock;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.stereotype.Component;

/**
 * Sends commands to an existing conversation. An id that is not one of ours, an id the event store does not know, and
 * the id of another kind of aggregate (a user, a contact pair) get the answer a non-member gets (same code, same
 * detail), so no one learns which conversations, or which ids, exist. A command waits for its conversation's turn
 * ({@link ConversationTurns}) before it is sent, so waiting holds no database connection.
 */
@Component
public class ConversationCommands {

    private final CommandGateway commands;
    private final ConversationTurns turns;

    ConversationCommands(CommandGateway commands, ConversationTurns turns) {
        this.commands = commands;
        this.turns = turns;
    }

    public <R> R send(String conversationId, Object command) {
        if (!Ids.isId(conversationId)) {
            throw Conversations.notFound(conversationId);
        }
        Lock turn = turns.take(conversationId);
        try {
            return commands.sendAndWait(command);
        } catch (AggregateNotFoundException | IncompatibleAggregateException unknown) {
            throw Conversations.notFound(conversationId);
        } finally {
            turn.release();
        }
    }
}
