package io.parley.query.inbox;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.parley.kernel.conversation.ConversationCreatedEvent;
import io.parley.kernel.conversation.ConversationMember;
import io.parley.kernel.conversation.ConversationMutedEvent;
import io.parley.kernel.conversation.ConversationReadEvent;
import io.parley.kernel.conversation.ConversationType;
import io.parley.kernel.conversation.MemberAddedEvent;
import io.parley.kernel.conversation.MemberRemovedEvent;
import io.parley.kernel.message.MessageDeletedEvent;
import io.parley.kernel.message.MessageEditedEvent;
import io.parley.kernel.message.MessageHiddenEvent;
import io.parley.kernel.message.MessagePreview;
import io.parley.kernel.message.MessageRemovedEvent;
import io.parley.kernel.message.MessageSentEvent;
import io.parley.kernel.privacy.Erased;
import io.parley.kernel.projection.BatchedWrites;
import io.parley.kernel.projection.DirectBulk;
import io.parley.query.inbox.InboxMessageDocument.Hidden;
import io.parley.query.live.LiveChanges;
import io.parley.query.live.UserEventFrames.Summary;
import io.parley.query.message.SeqKeys;
import io.parley.query.projection.Sent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The inbox. Unread count of a member: messages with a seq above the member's read marker, sent by someone else,
 * neither deleted for everyone nor deleted by the member for themselves; edits change nothing. A send increments it,
 * a deletion or a hide of a counted message decrements it, a read marker recounts what is left after it.
 * <p>
 * Every change to an entry applies only while the entry's sequence is below the event's aggregate sequence number,
 * and sets it, so applying an event twice changes nothing; the recount and the decrements judge each message as it
 * was at that event ({@link InboxMessageDocument#countsFor}).
 * <p>
 * Published for live delivery: the entries a conversation gained ({@link InboxEntriesAdded}) and every new message
 * ({@link MessageArrived}), each once this projection has written it.
 */
@Component
@ProcessingGroup(InboxProjection.PROCESSING_GROUP)
class InboxProjection {

    static final String PROCESSING_GROUP = "inbox-view";
    private static final Logger log = LoggerFactory.getLogger(InboxProjection.class);
    private static final int RECOUNT_BATCH = 200;

    private final MongoTemplate mongo;
    private final LiveChanges live;
    private final BatchedWrites<Sent> sends = new BatchedWrites<>(this::write);
    private final Consumer<Map<String, List<Sent>>> messageInserts;

    InboxProjection(MongoTemplate mongo, LiveChanges live) {
        this.mongo = mongo;
        this.live = live;
        this.messageInserts = BatchedWrites.bulkInsertsOnce(mongo, InboxMessageDocument.class,
                sent -> sent.event().messageId(), InboxProjection::inserted);
    }

    @EventHandler
    void on(ConversationCreatedEvent event, @SequenceNumber long sequence) {
        sends.flush();
        event.members().forEach(member -> mongo.upsert(
                query(where("_id").is(InboxEntryDocument.id(event.conversationId(), member.userId()))), new Update()
                        .setOnInsert(InboxEntryDocument.USER_ID, member.userId())
                        .setOnInsert(InboxEntryDocument.CONVERSATION_ID, event.conversationId())
                        .setOnInsert(InboxEntryDocument.TYPE, event.type())
                        .setOnInsert(InboxEntryDocument.ACTIVE, true)
                        .setOnInsert(InboxEntryDocument.LAST_ACTIVITY_AT, event.createdAt())
                        .setOnInsert(InboxEntryDocument.UNREAD_COUNT, 0L)
                        .setOnInsert(InboxEntryDocument.LAST_READ_SEQ, 0L)
                        .setOnInsert(InboxEntryDocument.MUTED, false)
                        .setOnInsert(InboxEntryDocument.SEQUENCE, sequence),
                InboxEntryDocument.class));
        live.publish(new InboxEntriesAdded(event.conversationId(),
                event.members().stream().map(ConversationMember::userId).toList()));
    }

    @EventHandler
    void on(MemberAddedEvent event, @SequenceNumber long sequence) {
        sends.flush();
        String id = InboxEntryDocument.id(event.conversationId(), event.userId());
        InboxEntryDocument current = mongo.findById(id, InboxEntryDocument.class);
        if (current != null && current.sequence() >= sequence) {
            return;
        }
        // Joining is activity: the conversation comes up in the new member's inbox.
        mongo.upsert(query(where("_id").is(id)), new Update()
                        .set(InboxEntryDocument.USER_ID, event.userId())
                        .set(InboxEntryDocument.CONVERSATION_ID, event.conversationId())
                        .set(InboxEntryDocument.TYPE, ConversationType.GROUP)
                        .set(InboxEntryDocument.ACTIVE, true)
                        .set(InboxEntryDocument.LAST_ACTIVITY_AT, event.addedAt())
                        .set(InboxEntryDocument.UNREAD_COUNT,
                                unread(event.conversationId(), event.userId(), event.readUpToSeq(), sequence))
                        .set(InboxEntryDocument.LAST_READ_SEQ, event.readUpToSeq())
                        .set(InboxEntryDocument.MUTED, false)
                        .set(InboxEntryDocument.SEQUENCE, sequence),
                InboxEntryDocument.class);
        live.publish(new InboxEntriesAdded(event.conversationId(), List.of(event.userId())));
    }

    @EventHandler
    void on(MemberRemovedEvent event, @SequenceNumber long sequence) {
        sends.flush();
        mongo.updateFirst(entry(event.conversationId(), event.userId(), sequence),
                new Update().set(InboxEntryDocument.ACTIVE, false).set(InboxEntryDocument.SEQUENCE, sequence),
                InboxEntryDocument.class);
    }

    @EventHandler
    void on(ConversationMutedEvent event, @SequenceNumber long sequence) {
        sends.flush();
        mongo.updateFirst(entry(event.conversationId(), event.userId(), sequence),
                new Update().set(InboxEntryDocument.MUTED, event.muted()).set(InboxEntryDocument.SEQUENCE, sequence),
                InboxEntryDocument.class);
    }

    @EventHandler
    void on(ConversationReadEvent event, @SequenceNumber long sequence) {
        sends.flush();
        InboxEntryDocument current = mongo.findById(InboxEntryDocument.id(event.conversationId(), event.userId()),
                InboxEntryDocument.class);
        if (current == null || current.sequence() >= sequence) {
            return;
        }
        long lastReadSeq = Math.max(current.lastReadSeq(), event.upToSeq());
        mongo.updateFirst(query(where("_id").is(current.id()).and(InboxEntryDocument.SEQUENCE).is(current.sequence())),
                new Update()
                        .set(InboxEntryDocument.LAST_READ_SEQ, lastReadSeq)
                        .set(InboxEntryDocument.UNREAD_COUNT,
                                unread(event.conversationId(), event.userId(), lastReadSeq, sequence))
                        .set(InboxEntryDocument.SEQUENCE, sequence),
                InboxEntryDocument.class);
    }

    /**
     * Counted with the other sends of the batch: the entries are written once per conversation and batch when the
     * batch commits (or before the next other event of this projection), not once per message.
     */
    @EventHandler
    void on(MessageSentEvent event, @SequenceNumber long sequence) {
        Sent sent = new Sent(event, sequence);
        sends.add(event.conversationId(), sent);
        if (sent.erased()) {
            // An erased sender's message (read in a replay, or after the erasure) is no news to anyone.
            return;
        }
        live.publish(new MessageArrived(event.conversationId(), new Summary(event.messageId(), event.seq(),
                event.senderId(), MessagePreview.of(event.text(), event.attachments()),
                event.sentAt().truncatedTo(ChronoUnit.MILLIS))));
    }

    /** A send's message document, inserted once ($setOnInsert). */
    private static Update inserted(Sent sent) {
        MessageSentEvent event = sent.event();
        boolean erased = sent.erased();
        return new Update()
                .setOnInsert(InboxMessageDocument.CONVERSATION_ID, event.conversationId())
                .setOnInsert(InboxMessageDocument.SEQ, event.seq())
                .setOnInsert(InboxMessageDocument.SENDER_ID, event.senderId())
                // The preview: a message of attachments only reads "📷 Photo" (or the file) in the chat list.
                .setOnInsert(InboxMessageDocument.TEXT,
                        erased ? null : MessagePreview.of(event.text(), event.attachments()))
                .setOnInsert(InboxMessageDocument.CREATED_AT, event.sentAt())
                .setOnInsert(InboxMessageDocument.DELETED, erased)
                .setOnInsert(InboxMessageDocument.SENT_SEQUENCE, sent.sequence())
                .setOnInsert(InboxMessageDocument.DELETED_SEQUENCE, erased ? sent.sequence() : null)
                .setOnInsert(InboxMessageDocument.HIDDEN_BY, List.of())
                .setOnInsert(InboxMessageDocument.SEQUENCE, sent.sequence())
                .setOnInsert(InboxMessageDocument.KEY, SeqKeys.key(event.conversationId(), event.seq()));
    }

    /**
     * Writes a batch's pending sends: their message documents in one bulk upsert, then the entries of every
     * conversation in one bulk update (one round trip for the batch, not one per conversation and sender): the entries
     * of members who sent none of a conversation's sends get the whole count in one update; each sender's entry, by
     * id, the others' sends. Every entry update is guarded by the entry's sequence and sets the conversation's last
     * send's, so a batch applied again changes nothing, and the updates of one batch touch disjoint entries (so their
     * order does not matter). An entry whose sequence lies inside the batch has counted its first part already: an
     * attempt wrote it and did not store its token (the process was killed after its writes, or the batch failed
     * half-way), and the batch after it, from the token on, reaches further. It counts only the sends after its
     * sequence (the fault suite found inboxes that differed from their rebuild after query-api kills). Finding those
     * costs one read per conversation and batch of two sends or more, made before any entry is written. An erased
     * sender's messages read as deleted, so they count for no one.
     */
    private void write(Map<String, List<Sent>> pending) {
        messageInserts.accept(pending);
        DirectBulk entries = DirectBulk.unordered(mongo, InboxEntryDocument.class);
        pending.forEach((conversationId, sends) -> {
            long first = sends.getFirst().sequence();
            long last = sends.getLast().sequence();
            count(entries, conversationId, sends, where(InboxEntryDocument.SEQUENCE).lt(first), last);
            if (first == last) {
                // One send: no entry can have counted part of it (the common batch at a low rate; no read).
                return;
            }
            List<Long> partly = mongo.findDistinct(query(where(InboxEntryDocument.CONVERSATION_ID).is(conversationId)
                            .and(InboxEntryDocument.ACTIVE).is(true)
                            .and(InboxEntryDocument.SEQUENCE).gte(first).lt(last)),
                    InboxEntryDocument.SEQUENCE, InboxEntryDocument.class, Long.class);
            for (long counted : partly) {
                count(entries, conversationId, sends.stream().filter(send -> send.sequence() > counted).toList(),
                        where(InboxEntryDocument.SEQUENCE).is(counted), last);
            }
        });
        entries.execute();
    }

    /**
     * Adds to {@code entries} the updates that count {@code sends} into the conversation's active entries whose
     * sequence meets {@code counted}.
     */
    private static void count(DirectBulk entries, String conversationId, List<Sent> sends, Criteria counted,
                              long last) {
        Instant latest = sends.stream().map(send -> send.event().sentAt()).max(Instant::compareTo).orElseThrow();
        long countable = sends.stream().filter(send -> !send.erased()).count();
        Map<String, Long> bySender = sends.stream()
                .collect(Collectors.groupingBy(send -> send.event().senderId(),
                        Collectors.filtering(send -> !send.erased(), Collectors.counting())));
        entries.updateMulti(entries(conversationId, counted)
                        .addCriteria(where(InboxEntryDocument.USER_ID).nin(bySender.keySet())),
                new Update()
                        .inc(InboxEntryDocument.UNREAD_COUNT, countable)
                        .max(InboxEntryDocument.LAST_ACTIVITY_AT, latest)
                        .set(InboxEntryDocument.SEQUENCE, last));
        bySender.forEach((senderId, sent) -> {
            Update update = new Update()
                    .max(InboxEntryDocument.LAST_ACTIVITY_AT, latest)
                    .set(InboxEntryDocument.SEQUENCE, last);
            if (countable > sent) {
                update.inc(InboxEntryDocument.UNREAD_COUNT, countable - sent);
            }
            entries.updateOne(query(where("_id").is(InboxEntryDocument.id(conversationId, senderId))
                    .and(InboxEntryDocument.ACTIVE).is(true)).addCriteria(counted), update);
        });
    }

    @EventHandler
    void on(MessageEditedEvent event, @SequenceNumber long sequence) {
        if (Erased.is(event.text())) {
            on(event.asDeletion(), sequence);
            return;
        }
        sends.flush();
        mongo.updateFirst(query(where("_id").is(event.messageId())
                        .and(InboxMessageDocument.SEQUENCE).lt(sequence)
                        .and(InboxMessageDocument.DELETED).is(false)),
                new Update().set(InboxMessageDocument.TEXT, event.text()).set(InboxMessageDocument.SEQUENCE, sequence),
                InboxMessageDocument.class);
    }

    /** An ADMIN's removal reads as a deletion for everyone. */
    @EventHandler
    void on(MessageRemovedEvent event, @SequenceNumber long sequence) {
        on(event.asDeletion(), sequence);
    }

    @EventHandler
    void on(MessageDeletedEvent event, @SequenceNumber long sequence) {
        sends.flush();
        InboxMessageDocument message = mongo.findById(event.messageId(), InboxMessageDocument.class);
        if (message == null || message.deletedBefore(sequence)) {
            return;
        }
        // Not counted for its sender, nor for those who had hidden it already.
        List<String> notCounting = Stream.concat(Stream.of(message.senderId()), message.hiddenBy().stream()
                        .filter(hidden -> hidden.sequence() < sequence)
                        .map(Hidden::userId))
                .toList();
        mongo.updateMulti(activeEntries(event.conversationId(), sequence)
                        .addCriteria(where(InboxEntryDocument.USER_ID).nin(notCounting))
                        .addCriteria(where(InboxEntryDocument.LAST_READ_SEQ).lt(message.seq())),
                new Update().inc(InboxEntryDocument.UNREAD_COUNT, -1).set(InboxEntryDocument.SEQUENCE, sequence),
                InboxEntryDocument.class);
        mongo.updateFirst(query(where("_id").is(event.messageId())), new Update()
                        .set(InboxMessageDocument.DELETED, true)
                        .set(InboxMessageDocument.TEXT, null)
                        .set(InboxMessageDocument.DELETED_SEQUENCE, sequence)
                        .max(InboxMessageDocument.SEQUENCE, sequence),
                InboxMessageDocument.class);
    }

    @EventHandler
    void on(MessageHiddenEvent event, @SequenceNumber long sequence) {
        sends.flush();
        InboxMessageDocument message = mongo.findById(event.messageId(), InboxMessageDocument.class);
        if (message == null) {
            log.warn("Message {} hidden before it was sent; ignored", event.messageId());
            return;
        }
        InboxEntryDocument entry = mongo.findById(InboxEntryDocument.id(event.conversationId(), event.userId()),
                InboxEntryDocument.class);
        if (entry != null && entry.active() && entry.sequence() < sequence) {
            long decrement = message.countsFor(event.userId(), entry.lastReadSeq(), sequence) ? 1 : 0;
            mongo.updateFirst(query(where("_id").is(entry.id()).and(InboxEntryDocument.SEQUENCE).is(entry.sequence())),
                    new Update().inc(InboxEntryDocument.UNREAD_COUNT, -decrement)
                            .set(InboxEntryDocument.SEQUENCE, sequence),
                    InboxEntryDocument.class);
        }
        if (!message.hiddenFor(event.userId())) {
            mongo.updateFirst(query(where("_id").is(event.messageId())),
                    new Update().push(InboxMessageDocument.HIDDEN_BY, new Hidden(event.userId(), sequence)),
                    InboxMessageDocument.class);
        }
    }

    /**
     * The member's unread messages after {@code lastReadSeq} as of the event at {@code sequence}, read by key a batch
     * of seqs at a time up to the first seq not stored (seqs have no gaps).
     */
    private long unread(String conversationId, String userId, long lastReadSeq, long sequence) {
        long count = 0;
        long next = lastReadSeq + 1;
        while (true) {
            Map<Long, InboxMessageDocument> batch = SeqKeys.range(mongo, InboxMessageDocument.class, conversationId,
                    next, next + RECOUNT_BATCH - 1, InboxMessageDocument::seq);
            for (long seq = next; seq < next + RECOUNT_BATCH; seq++) {
                InboxMessageDocument message = batch.get(seq);
                if (message == null) {
                    return count;
                }
                if (message.countsFor(userId, lastReadSeq, sequence)) {
                    count++;
                }
            }
            next += RECOUNT_BATCH;
        }
    }

    private static Query entry(String conversationId, String userId, long sequence) {
        return query(where("_id").is(InboxEntryDocument.id(conversationId, userId))
                .and(InboxEntryDocument.SEQUENCE).lt(sequence));
    }

    private static Query entries(String conversationId, Criteria sequence) {
        return query(where(InboxEntryDocument.CONVERSATION_ID).is(conversationId)
                .and(InboxEntryDocument.ACTIVE).is(true))
                .addCriteria(sequence);
    }

    private static Query activeEntries(String conversationId, long sequence) {
        return query(where(InboxEntryDocument.CONVERSATION_ID).is(conversationId)
                .and(InboxEntryDocument.ACTIVE).is(true)
                .and(InboxEntryDocument.SEQUENCE).lt(sequence));
    }
}
