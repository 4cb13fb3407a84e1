package io.parley.command.conversation.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

import io.parley.command.conversation.Conversations;
import io.parley.command.web.Ids;
import io.parley.kernel.config.AppendedPositions;
import io.parley.kernel.message.MessageSent;
import io.parley.kernel.message.SendMessageCommand;
import io.parley.kernel.message.SendMessagesCommand;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.lock.Lock;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Sends commands to an existing conversation. An id that is not one of ours, an id the event store does not know, and
 * the id of another kind of aggregate (a user, a contact pair) get the answer a non-member gets (same code, same
 * detail), so no one learns which conversations, or which ids, exist. A command waits for its conversation's turn
 * ({@link ConversationTurns}) before it is sent, so waiting holds no database connection.
 * <p>
 * Sends are committed in groups: a send queues for its conversation, and whoever has the conversation's turn sends
 * the queued messages (up to {@code parley.conversation.send-batch}) as one {@link SendMessagesCommand}, in one unit of
 * work, one transaction and one append, and answers each request with its own message (its seq, and its event's
 * own position for {@code X-Position}). A send that finds the conversation idle goes alone, as before. When the
 * conversation refuses one message of a batch, nothing of the batch was written, and each is sent alone for its own
 * answer.
 */
@Component
public class ConversationCommands {

    private final CommandGateway commands;
    private final ConversationTurns turns;
    private final int sendBatch;
    private final ConcurrentMap<String, Queue<QueuedSend>> queuedSends = new ConcurrentHashMap<>();

    ConversationCommands(CommandGateway commands, ConversationTurns turns,
                         @Value("${parley.conversation.send-batch:64}") int sendBatch) {
        this.commands = commands;
        this.turns = turns;
        this.sendBatch = sendBatch;
    }

    public <R> R send(String conversationId, Object command) {
        if (!Ids.isId(conversationId)) {
            throw Conversations.notFound(conversationId);
        }
        Lock turn = turns.take(conversationId);
        try {
            return sendNow(conversationId, () -> commands.sendAndWait(command));
        } finally {
            turn.release();
        }
    }

    /** Sends a message, together with the others queued for its conversation's turn meanwhile. */
    public MessageSent send(SendMessageCommand message) {
        String conversationId = message.conversationId();
        if (!Ids.isId(conversationId)) {
            throw Conversations.notFound(conversationId);
        }
        QueuedSend mine = new QueuedSend(message);
        Queue<QueuedSend> queue = queuedSends.computeIfAbsent(conversationId, id -> new ConcurrentLinkedQueue<>());
        queue.add(mine);
        Lock turn;
        try {
            turn = turns.take(conversationId);
        } catch (RuntimeException noTurn) {
            if (queue.remove(mine)) {
                throw noTurn;
            }
            // Taken from the queue by the turn's holder, who answers it before it lets go of the turn.
            return mine.await();
        }
        try {
            while (!mine.answer.isDone()) {
                sendQueued(conversationId, queue);
            }
            if (queue.isEmpty()) {
                // A send that queued on this queue meanwhile still takes the turn, and sends it from there.
                queuedSends.remove(conversationId, queue);
            }
        } finally {
            turn.release();
        }
        return mine.await();
    }

    /** Sends the first queued messages, as a batch if there are several; answers each before it returns. */
    private void sendQueued(String conversationId, Queue<QueuedSend> queue) {
        List<QueuedSend> batch = new ArrayList<>();
        for (QueuedSend next; batch.size() < sendBatch && (next = queue.poll()) != null; ) {
            batch.add(next);
        }
        try {
            if (batch.size() > 1 && sentTogether(conversationId, batch)) {
                return;
            }
            batch.forEach(send -> sendAlone(conversationId, send));
        } catch (Throwable unexpected) {
            batch.forEach(send -> send.answer.completeExceptionally(unexpected));
            throw unexpected;
        }
    }

    /** False when the conversation refused the batch (nothing of it was written). */
    private boolean sentTogether(String conversationId, List<QueuedSend> batch) {
        List<MessageSent> sent;
        long[] appended;
        try (AppendedPositions.Scope scope = AppendedPositions.open()) {
            sent = sendNow(conversationId, () -> commands.sendAndWait(
                    new SendMessagesCommand(conversationId, batch.stream().map(QueuedSend::message).toList())));
            appended = AppendedPositions.committedInOrder();
        } catch (RuntimeException refused) {
            return false;
        }
        // One event per message that was not a retry, in the batch's order; else (the command was retried on another
        // thread) the positions are not known here, and each request falls back to the store's head.
        boolean known = appended.length == sent.stream().filter(message -> !message.duplicate()).count();
        int next = 0;
        for (int i = 0; i < batch.size(); i++) {
            MessageSent message = sent.get(i);
            long position = known && !message.duplicate() ? appended[next++] : -1;
            batch.get(i).answer.complete(new Answer(message, position));
        }
        return true;
    }

    private void sendAlone(String conversationId, QueuedSend send) {
        try (AppendedPositions.Scope scope = AppendedPositions.open()) {
            MessageSent sent = sendNow(conversationId, () -> commands.sendAndWait(send.message()));
            send.answer.complete(new Answer(sent, AppendedPositions.committed().orElse(-1)));
        } catch (RuntimeException refused) {
            send.answer.completeExceptionally(refused);
        }
    }

    private static <R> R sendNow(String conversationId, Supplier<R> command) {
        try {
            return command.get();
        } catch (AggregateNotFoundException | IncompatibleAggregateException unknown) {
            throw Conversations.notFound(conversationId);
        }
    }

    /** A message waiting for its conversation's turn, and its answer once sent: the message and its event's position. */
    private record QueuedSend(SendMessageCommand message, CompletableFuture<Answer> answer) {

        QueuedSend(SendMessageCommand message) {
            this(message, new CompletableFuture<>());
        }

        /** Waits for the answer; counts the event's position in this thread's request; throws what the send threw. */
        MessageSent await() {
            Answer answer;
            try {
                answer = this.answer.join();
            } catch (CompletionException failed) {
                if (failed.getCause() instanceof RuntimeException refused) {
                    throw refused;
                }
                throw failed;
            }
            if (answer.position() >= 0) {
                AppendedPositions.adopt(answer.position());
            }
            return answer.sent();
        }
    }

    private record Answer(MessageSent sent, long position) {
    }
}
