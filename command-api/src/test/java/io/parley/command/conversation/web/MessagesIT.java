package io.parley.command.conversation.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

import javax.sql.DataSource;

import io.parley.kernel.error.DomainException;
import io.parley.kernel.error.ErrorCode;
import io.parley.kernel.message.MessageDeletedEvent;
import io.parley.kernel.message.MessageEditedEvent;
import io.parley.kernel.message.MessageHiddenEvent;
import io.parley.kernel.message.MessageSentEvent;
import io.parley.kernel.message.ReactionAddedEvent;
import io.parley.kernel.message.ReactionRemovedEvent;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.Registration;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;

/** Messages over HTTP: send, retry, edit, delete, react; seq order under concurrency and the gateway's retries. */
class MessagesIT extends ConversationIntegrationTest {

    @Autowired
    ApplicationContext context;

    @Autowired
    CommandGateway commandGateway;

    @Autowired
    CommandBus commandBus;

    @Autowired
    DataSource dataSource;

    @Test
    void send_answersTheMessageIdAndSeq_andARetryTheSameBody_withoutAppending() {
        Actor owner = signUp("sender");
        String id = createGroup(owner, "Sending");

        Response first = send(owner, id, "client-1", "  hello  ");
        Response retry = send(owner, id, "client-1", "hello, but a different text");
        Response next = send(owner, id, "client-2", "second");

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.json().get("seq").asLong()).isEqualTo(1);
        String messageId = first.json().get("messageId").asString();
        assertThat(messageId).matches("[0-9a-f-]{36}");
        // Time-ordered (version 7): later messages have greater ids (docs/api.md).
        assertThat(UUID.fromString(messageId).version()).isEqualTo(7);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.json()).isEqualTo(first.json());
        assertThat(retry.position()).isGreaterThanOrEqualTo(first.position());
        assertThat(next.status()).isEqualTo(201);
        // X-Position is the message's own event's position, read from its append.
        assertThat(first.position()).isEqualTo(positionsBySeq(id).get(1L));
        assertThat(next.position()).isEqualTo(positionsBySeq(id).get(2L));
        assertThat(next.json().get("seq").asLong()).isEqualTo(2);
        assertThat(next.json().get("messageId").asString()).isGreaterThan(messageId);
        assertThat(events(id, MessageSentEvent.class)).extracting(MessageSentEvent::seq, MessageSentEvent::text,
                        MessageSentEvent::messageId, MessageSentEvent::clientMessageId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, "hello", messageId, "client-1"),
                        org.assertj.core.groups.Tuple.tuple(2L, "second", next.json().get("messageId").asString(),
                                "client-2"));
    }

    @Test
    void clientMessageId_cannotBeReused_inAnotherConversation() {
        Actor owner = signUp("reuser");
        String one = createGroup(owner, "One");
        String two = createGroup(owner, "Two");
        assertThat(send(owner, one, "same-id", "first").status()).isEqualTo(201);

        Response reused = send(owner, two, "same-id", "second");

        assertThat(reused.status()).isEqualTo(409);
        assertThat(reused.code()).isEqualTo("CLIENT_MESSAGE_ID_REUSED");
    }

    @Test
    void aRefusedSend_leavesNoRecordOfItsClientMessageId_soTheSameIdSendsAfterwards() {
        Actor owner = signUp("refused");
        String id = createGroup(owner, "Refused");

        Response refused = send(owner, id, body("clientMessageId", "again-1", "text", "to nowhere",
                "replyToMessageId", UUID.randomUUID().toString()));
        Response sent = send(owner, id, "again-1", "to the group");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("INVALID_REPLY_TARGET");
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        assertThat(sent.json().get("seq").asLong()).isEqualTo(1);
        assertThat(events(id, MessageSentEvent.class)).singleElement()
                .satisfies(event -> assertThat(event.messageId()).isEqualTo(sent.json().get("messageId").asString()));
    }

    @Test
    void messages_areRepliedToMentionedEditedReactedToAndDeleted() {
        Actor owner = signUp("msg-owner");
        Actor ann = signUp("ann");
        String id = createGroup(owner, "Messages", ann);
        String first = sent(owner, id, "hello").get("messageId").asString();

        Response reply = send(ann, id, body("clientMessageId", "ann-1", "text", "hi @owner",
                "replyToMessageId", first, "mentions", List.of(owner.userId())));
        assertThat(reply.status()).isEqualTo(201);
        String second = reply.json().get("messageId").asString();
        assertThat(events(id, MessageSentEvent.class).get(1)).satisfies(event -> {
            assertThat(event.replyToMessageId()).isEqualTo(first);
            assertThat(event.mentions()).containsExactly(owner.userId());
            assertThat(event.seq()).isEqualTo(2);
        });

        Response edited = callAs(HttpMethod.PATCH, message(id, first), Map.of("text", " hello again "), owner);
        Response editedByOther = callAs(HttpMethod.PATCH, message(id, first), Map.of("text", "mine now"), ann);
        assertThat(edited.status()).isEqualTo(204);
        edited.position();
        assertThat(editedByOther.status()).isEqualTo(403);
        assertThat(editedByOther.code()).isEqualTo("NOT_MESSAGE_AUTHOR");

        Response reacted = callAs(HttpMethod.PUT, reaction(id, first, "👍"), null, ann);
        Response reactedAgain = callAs(HttpMethod.PUT, reaction(id, first, "👍"), null, ann);
        Response heart = callAs(HttpMethod.PUT, reaction(id, first, "❤️"), null, ann);
        Response unreacted = callAs(HttpMethod.DELETE, reaction(id, first, "👍"), null, ann);
        assertThat(List.of(reacted, reactedAgain, heart, unreacted)).allSatisfy(response -> {
            assertThat(response.status()).as(response.toString()).isEqualTo(204);
            response.position();
        });

        Response hidden = callAs(HttpMethod.DELETE, message(id, first) + "?scope=me", null, ann);
        Response deletedByMember = callAs(HttpMethod.DELETE, message(id, first) + "?scope=everyone", null, ann);
        Response deletedByOwner = callAs(HttpMethod.DELETE, message(id, second) + "?scope=EVERYONE", null, owner);
        assertThat(hidden.status()).isEqualTo(204);
        assertThat(deletedByMember.status()).isEqualTo(403);
        assertThat(deletedByMember.code()).isEqualTo("NOT_MESSAGE_AUTHOR");
        assertThat(deletedByOwner.status()).isEqualTo(204);
        deletedByOwner.position();

        Response reactToDeleted = callAs(HttpMethod.PUT, reaction(id, second, "👍"), null, owner);
        Response editDeleted = callAs(HttpMethod.PATCH, message(id, second), Map.of("text", "undo"), ann);
        assertThat(reactToDeleted.status()).isEqualTo(409);
        assertThat(reactToDeleted.code()).isEqualTo("MESSAGE_DELETED");
        assertThat(editDeleted.status()).isEqualTo(409);

        assertThat(events(id, MessageEditedEvent.class)).singleElement()
                .satisfies(event -> assertThat(event.text()).isEqualTo("hello again"));
        assertThat(events(id, ReactionAddedEvent.class)).extracting(ReactionAddedEvent::emoji)
                .containsExactly("👍", "❤️");
        assertThat(events(id, ReactionRemovedEvent.class)).extracting(ReactionRemovedEvent::emoji)
                .containsExactly("👍");
        assertThat(events(id, MessageHiddenEvent.class)).singleElement()
                .satisfies(event -> assertThat(event.userId()).isEqualTo(ann.userId()));
        assertThat(events(id, MessageDeletedEvent.class)).singleElement().satisfies(event -> {
            assertThat(event.messageId()).isEqualTo(second);
            assertThat(event.seq()).isEqualTo(2);
            assertThat(event.deletedBy()).isEqualTo(owner.userId());
        });
    }

    /**
     * Eight members send 25 messages each at once, each retrying every fifth right away (30 writes each: the test's
     * write limit per user). Every send gets the next seq, none is lost or doubled, and a retry gets the first answer.
     */
    @Test
    void concurrentSends_getConsecutiveSeqs_withoutGapsOrDuplicates_andRetriesGetTheFirstAnswer() throws Exception {
        Actor owner = signUp("busy-owner");
        List<Actor> senders = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            senders.add(signUp("busy-" + i));
        }
        String id = createGroup(owner, "Busy", senders.toArray(Actor[]::new));
        List<JsonNode> created = Collections.synchronizedList(new ArrayList<>());
        Map<Long, Long> positions = new ConcurrentHashMap<>();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger retries = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);

        ExecutorService pool = Executors.newFixedThreadPool(senders.size());
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < senders.size(); t++) {
                Actor sender = senders.get(t);
                int thread = t;
                running.add(pool.submit(() -> {
                    start.await();
                    for (int m = 0; m < 25; m++) {
                        String clientMessageId = "t" + thread + "-m" + m;
                        Response first = send(sender, id, clientMessageId, "message " + m + " of " + thread);
                        if (first.status() != 201) {
                            failures.add(first.toString());
                            continue;
                        }
                        created.add(first.json());
                        positions.put(first.json().get("seq").asLong(), first.position());
                        // Another aggregate's event, so the store's head is often past the other senders' own events
                        // when they answer.
                        eventStore.publish(new GenericDomainEventMessage<>("Noise", UUID.randomUUID().toString(), 0,
                                "noise"));
                        if (m % 5 == 0) {
                            Response retry = send(sender, id, clientMessageId, "message " + m + " of " + thread);
                            if (retry.status() != 200 || !retry.json().equals(first.json())) {
                                failures.add("retry: " + retry + " first: " + first);
                            }
                            retries.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : running) {
                future.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(failures).isEmpty();
        assertThat(retries).hasValue(40);
        assertThat(created).hasSize(200);
        assertThat(created.stream().map(json -> json.get("seq").asLong()).sorted().toList())
                .isEqualTo(LongStream.rangeClosed(1, 200).boxed().toList());
        assertThat(created.stream().map(json -> json.get("messageId").asString()).distinct()).hasSize(200);
        List<MessageSentEvent> sentEvents = events(id, MessageSentEvent.class);
        assertThat(sentEvents).extracting(MessageSentEvent::seq)
                .isEqualTo(LongStream.rangeClosed(1, 200).boxed().toList());
        assertThat(sentEvents).extracting(MessageSentEvent::messageId).containsExactlyInAnyOrderElementsOf(
                created.stream().map(json -> json.get("messageId").asString()).toList());
        // Each answer's X-Position is its own message's position, not the head other senders had moved on meanwhile.
        assertThat(positions).isEqualTo(positionsBySeq(id));
    }

    /**
     * Another instance takes seq 2 while this one, having loaded the conversation at seq 1, waits to record its own
     * seq 2: the clash is a ConcurrencyException, the gateway sends the command again, the conversation is reloaded
     * with the other instance's message, and this message gets seq 3. (Seq 3 is only possible through that retry.)
     */
    @Test
    void send_isRetried_withTheNextSeq_whenAnotherInstanceTookTheSeqMeanwhile() throws Exception {
        Actor owner = signUp("two-instances");
        String id = createGroup(owner, "Two instances");
        assertThat(sent(owner, id, "first").get("seq").asLong()).isEqualTo(1);
        String elsewhere = UUID.randomUUID().toString();

        CompletableFuture<Response> here;
        try (Connection otherInstance = dataSource.getConnection()) {
            otherInstance.setAutoCommit(false);
            try (PreparedStatement insert = otherInstance.prepareStatement("""
                    insert into message_ledger (conversation_id, message_id, seq, sender_id, client_message_id)
                    values (?, ?, 2, ?, 'other-instance')""")) {
                insert.setString(1, id);
                insert.setString(2, elsewhere);
                insert.setString(3, owner.userId());
                insert.executeUpdate();
            }
            here = CompletableFuture.supplyAsync(() -> send(owner, id, "this-instance", "from here"));
            await().atMost(Duration.ofSeconds(10)).until(this::someoneWaitsForALock);
            long sequence = eventStore.lastSequenceNumberFor(id).orElseThrow() + 1;
            eventStore.publish(new GenericDomainEventMessage<>("Conversation", id, sequence,
                    new MessageSentEvent(id, elsewhere, 2, owner.userId(), "other-instance", "from elsewhere", null,
                            Set.of(), Instant.now())));
            otherInstance.commit();
        }

        Response response = here.get(30, TimeUnit.SECONDS);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(response.json().get("seq").asLong()).isEqualTo(3);
        assertThat(events(id, MessageSentEvent.class)).extracting(MessageSentEvent::seq).containsExactly(1L, 2L, 3L);
    }

    private boolean someoneWaitsForALock() {
        return jdbc.sql("""
                        select count(*) from pg_stat_activity
                        where datname = current_database() and wait_event_type = 'Lock'""")
                .query(Long.class).single() > 0;
    }

    @Test
    void commandGateway_retriesConcurrencyConflicts_andNothingElse() {
        assertThat(context.getBeansOfType(CommandGateway.class)).hasSize(1);
        AtomicInteger conflicting = new AtomicInteger();
        AtomicInteger rejected = new AtomicInteger();
        AtomicInteger hopeless = new AtomicInteger();
        Registration conflictingHandler = commandBus.subscribe(ConflictTwice.class.getName(), command -> {
            if (conflicting.incrementAndGet() <= 2) {
                throw new ConcurrencyException("written meanwhile");
            }
            return "done";
        });
        Registration rejectingHandler = commandBus.subscribe(Rejected.class.getName(), command -> {
            rejected.incrementAndGet();
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "no");
        });
        Registration hopelessHandler = commandBus.subscribe(AlwaysConflicting.class.getName(), command -> {
            hopeless.incrementAndGet();
            throw new ConcurrencyException("always written meanwhile");
        });
        try {
            Object result = commandGateway.sendAndWait(new ConflictTwice());
            assertThatThrownBy(() -> commandGateway.sendAndWait(new Rejected())).isInstanceOf(DomainException.class);
            assertThatThrownBy(() -> commandGateway.sendAndWait(new AlwaysConflicting()))
                    .isInstanceOf(ConcurrencyException.class);

            assertThat(result).isEqualTo("done");
            assertThat(conflicting).hasValue(3);
            assertThat(rejected).hasValue(1);
            assertThat(hopeless).hasValue(1 + 8);
        } finally {
            conflictingHandler.cancel();
            rejectingHandler.cancel();
            hopelessHandler.cancel();
        }
    }

    record ConflictTwice() {
    }

    record Rejected() {
    }

    record AlwaysConflicting() {
    }
}
