package io.parley.command.conversation.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.parley.command.CommandApiIntegrationTest;
import io.parley.kernel.message.MessageSentEvent;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.Message;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** What the conversation ITs share: the write endpoints as a client calls them, and the events they appended. */
abstract class ConversationIntegrationTest extends CommandApiIntegrationTest {

    static final String CONVERSATIONS = "/api/v1/conversations";

    @Autowired
    EventStore eventStore;

    @Autowired
    JdbcClient jdbc;

    static String conversation(String conversationId) {
        return CONVERSATIONS + "/" + conversationId;
    }

    static String messages(String conversationId) {
        return conversation(conversationId) + "/messages";
    }

    static String message(String conversationId, String messageId) {
        return messages(conversationId) + "/" + messageId;
    }

    static String reaction(String conversationId, String messageId, String emoji) {
        return message(conversationId, messageId) + "/reactions/" + emoji;
    }

    Response createGroupResponse(Actor owner, String name, Actor... members) {
        return post(CONVERSATIONS + "/groups",
                Map.of("name", name, "memberIds", Arrays.stream(members).map(Actor::userId).toList()), owner.token());
    }

    String createGroup(Actor owner, String name, Actor... members) {
        Response created = createGroupResponse(owner, name, members);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("conversationId").asString();
    }

    Response send(Actor sender, String conversationId, String clientMessageId, String text) {
        return post(messages(conversationId), Map.of("clientMessageId", clientMessageId, "text", text), sender.token());
    }

    Response send(Actor sender, String conversationId, Map<String, Object> body) {
        return post(messages(conversationId), body, sender.token());
    }

    /** Sends and expects a new message; returns {@code {messageId, seq}}. */
    JsonNode sent(Actor sender, String conversationId, String text) {
        Response sent = send(sender, conversationId, "c-" + System.nanoTime(), text);
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        return sent.json();
    }

    Response openDirect(Actor initiator, String otherUserId) {
        return post(CONVERSATIONS + "/direct", Map.of("userId", otherUserId), initiator.token());
    }

    Response block(Actor blocker, Actor blocked) {
        return post("/api/v1/users/" + blocked.userId() + "/block", null, blocker.token());
    }

    Response unblock(Actor blocker, Actor blocked) {
        return callAs(HttpMethod.DELETE, "/api/v1/users/" + blocked.userId() + "/block", null, blocker);
    }

    /** Every event of the aggregate, oldest first, straight from the store (snapshots left out). */
    List<Object> events(String aggregateId) {
        return eventStore.readEvents(aggregateId, 0).asStream().<Object>map(Message::getPayload).toList();
    }

    <E> List<E> events(String aggregateId, Class<E> type) {
        return events(aggregateId).stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Each message's seq → the global position of its event. */
    Map<Long, Long> positionsBySeq(String conversationId) {
        Map<Long, Long> bySequenceNumber = jdbc.sql("""
                        select sequence_number, global_index from domain_event_entry where aggregate_identifier = ?""")
                .param(conversationId)
                .query((row, number) -> Map.entry(row.getLong(1), row.getLong(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        return eventStore.readEvents(conversationId, 0).asStream()
                .filter(event -> event.getPayload() instanceof MessageSentEvent)
                .collect(Collectors.toMap(event -> ((MessageSentEvent) event.getPayload()).seq(),
                        event -> bySequenceNumber.get(event.getSequenceNumber())));
    }

    static Map<String, Object> body(Object... keysAndValues) {
        Map<String, Object> body = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            body.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return body;
    }
}
