package io.parley.query.support;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.parley.kernel.contact.ContactEvent;
import io.parley.kernel.conversation.ConversationEvent;
import io.parley.kernel.message.MessageEvent;
import io.parley.kernel.testing.TestInfrastructure;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Runs projections against the MongoDB wire server with events delivered as Axon delivers them (domain event
 * messages with the aggregate's sequence numbers), and snapshots collections to compare states.
 */
public final class ProjectionHarness {

    private static final Map<String, MongoClient> CLIENTS = new HashMap<>();

    private final MongoTemplate mongo;
    private final List<AnnotationEventHandlerAdapter> projections = new ArrayList<>();
    private final Map<String, Long> sequences = new HashMap<>();
    private final List<GenericDomainEventMessage<?>> delivered = new ArrayList<>();

    public ProjectionHarness(String database) {
        MongoClient client;
        synchronized (CLIENTS) {
            client = CLIENTS.computeIfAbsent(database, name -> MongoClients.create(TestInfrastructure.mongoUri(name)));
        }
        mongo = new MongoTemplate(client, database);
        mongo.getCollectionNames().forEach(name -> mongo.getCollection(name).deleteMany(new Document()));
    }

    public MongoTemplate mongo() {
        return mongo;
    }

    public ProjectionHarness project(Object projection) {
        projections.add(new AnnotationEventHandlerAdapter(projection));
        return this;
    }

    /** Delivers each event once, with the next sequence number of its aggregate. */
    public ProjectionHarness apply(Object... payloads) {
        for (Object payload : payloads) {
            deliver(message(payload));
        }
        return this;
    }

    /**
     * Delivers the events in one batch, as a tracking processor does: one unit of work around all of them, which
     * commits at the end (projections may write some of their changes only then).
     */
    public ProjectionHarness applyInOneBatch(Object... payloads) {
        List<GenericDomainEventMessage<?>> messages = new ArrayList<>();
        for (Object payload : payloads) {
            messages.add(message(payload));
        }
        delivered.addAll(messages);
        return deliverInOneBatch(messages);
    }

    /** Delivers everything delivered so far once more, in order, in one batch. */
    public ProjectionHarness redeliverAllInOneBatch() {
        return deliverInOneBatch(new ArrayList<>(delivered));
    }

    private ProjectionHarness deliverInOneBatch(List<GenericDomainEventMessage<?>> messages) {
        BatchingUnitOfWork<GenericDomainEventMessage<?>> batch = new BatchingUnitOfWork<>(messages);
        try {
            batch.executeWithResult(() -> {
                deliverOnly(batch.getMessage());
                return null;
            });
        } catch (Exception e) {
            throw new IllegalStateException("The batch failed", e);
        }
        if (batch.getExecutionResult().isExceptionResult()) {
            throw new IllegalStateException("The batch failed", batch.getExecutionResult().getExceptionResult());
        }
        return this;
    }

    /**
     * Delivers the last {@code again} events delivered so far once more and then {@code payloads}, all in one batch:
     * a processor that starts from a token behind what was written (a process killed after its writes), whose
     * first batch reaches further than the one written.
     */
    public ProjectionHarness redeliverLastAndApplyInOneBatch(int again, Object... payloads) {
        List<GenericDomainEventMessage<?>> messages = new ArrayList<>(delivered.subList(delivered.size() - again,
                delivered.size()));
        for (Object payload : payloads) {
            GenericDomainEventMessage<?> message = message(payload);
            delivered.add(message);
            messages.add(message);
        }
        return deliverInOneBatch(messages);
    }

    /** Delivers each event twice in a row, as a redelivery after a failed token update would. */
    public ProjectionHarness applyTwice(Object... payloads) {
        for (Object payload : payloads) {
            GenericDomainEventMessage<?> message = message(payload);
            deliver(message);
            deliver(message);
        }
        return this;
    }

    /** Delivers everything delivered so far once more, in order, as a processor restarting from an old token. */
    public ProjectionHarness redeliverAll() {
        new ArrayList<>(delivered).forEach(this::deliverOnly);
        return this;
    }

    /** Every document of the collections, by collection and then by id. */
    public Map<String, List<Document>> snapshot(String... collections) {
        Map<String, List<Document>> snapshot = new LinkedHashMap<>();
        for (String collection : collections) {
            List<Document> documents = new ArrayList<>();
            mongo.getCollection(collection).find().sort(new Document("_id", 1)).into(documents);
            snapshot.put(collection, documents);
        }
        return snapshot;
    }

    private GenericDomainEventMessage<?> message(Object payload) {
        Aggregate aggregate = Aggregate.of(payload);
        long sequence = sequences.merge(aggregate.id(), 0L, (last, zero) -> last + 1);
        return new GenericDomainEventMessage<>(aggregate.type(), aggregate.id(), sequence, payload);
    }

    /** The aggregate (type as command-api names it, and id) that appends a conversation, message or contact event. */
    public record Aggregate(String type, String id) {

        public static Aggregate of(Object payload) {
            if (payload instanceof ConversationEvent event) {
                return new Aggregate(ConversationLog.AGGREGATE, event.conversationId());
            } else if (payload instanceof MessageEvent event) {
                return new Aggregate(ConversationLog.AGGREGATE, event.conversationId());
            } else if (payload instanceof ContactEvent event) {
                return new Aggregate("Contact", event.contactId());
            }
            throw new IllegalArgumentException("Not a conversation, message or contact event: " + payload);
        }
    }

    private void deliver(GenericDomainEventMessage<?> message) {
        delivered.add(message);
        deliverOnly(message);
    }

    private void deliverOnly(GenericDomainEventMessage<?> message) {
        for (AnnotationEventHandlerAdapter projection : projections) {
            try {
                if (projection.canHandle(message)) {
                    projection.handle(message);
                }
            } catch (Exception e) {
                throw new IllegalStateException("Projection failed on " + message.getPayloadType().getSimpleName(), e);
            }
        }
    }
}
