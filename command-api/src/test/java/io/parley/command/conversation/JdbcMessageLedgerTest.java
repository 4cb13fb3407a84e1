package io.parley.command.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.parley.command.testing.CommandDatabase;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;

/** The constraints that keep sends idempotent and seqs unique when two writers race (two instances, a stale cache). */
class JdbcMessageLedgerTest {

    private final DataSource dataSource = CommandDatabase.dataSource();
    private final MessageLedger ledger = new JdbcMessageLedger(dataSource);
    private final String conversation = UUID.randomUUID().toString();
    private final String sender = UUID.randomUUID().toString();

    private RecordedMessage message(long seq, String clientMessageId) {
        return new RecordedMessage(conversation, UUID.randomUUID().toString(), seq, sender, clientMessageId, false);
    }

    @Test
    void record_returnsFalse_whenTheSendersClientMessageIdWasRecordedMeanwhile() {
        RecordedMessage original = message(1, "c-1");
        ledger.record(original);

        assertThat(ledger.record(message(2, "c-1"))).isFalse();
        assertThat(ledger.findByClientMessageId(sender, "c-1")).contains(original);
    }

    @Test
    void record_failsAsAConcurrencyConflict_whenTheSeqIsTaken() {
        ledger.record(message(1, "c-1"));

        assertThatThrownBy(() -> ledger.record(message(1, "c-2"))).isInstanceOf(ConcurrencyException.class);
    }

    @Test
    void find_seesOnlyMessagesOfTheGivenConversation() {
        RecordedMessage recorded = message(1, "c-1");
        ledger.record(recorded);

        assertThat(ledger.find(conversation, recorded.messageId())).contains(recorded);
        assertThat(ledger.find(UUID.randomUUID().toString(), recorded.messageId())).isEmpty();
    }

    @Test
    void markDeleted_marksTheMessage_andForgetsItsReactions() {
        RecordedMessage recorded = message(1, "c-1");
        ledger.record(recorded);
        ledger.addReaction(recorded.messageId(), sender, "🎉");

        ledger.markDeleted(recorded.messageId());

        assertThat(ledger.find(conversation, recorded.messageId())).hasValueSatisfying(m -> assertThat(m.deleted()).isTrue());
        assertThat(ledger.removeReaction(recorded.messageId(), sender, "🎉")).isFalse();
    }

    @Test
    void record_ofARetryOnAnotherInstance_waitsForTheFirstSend_thenReportsTheDuplicate() throws Exception {
        RecordedMessage original = message(1, "c-1");
        try (Connection firstInstance = dataSource.getConnection()) {
            firstInstance.setAutoCommit(false);
            insert(firstInstance, original);

            CompletableFuture<Boolean> retry = CompletableFuture.supplyAsync(() -> ledger.record(message(2, "c-1")));
            await().atMost(Duration.ofSeconds(10)).until(this::someoneWaitsForALock);
            assertThat(retry).isNotDone();

            firstInstance.commit();
            assertThat(retry.get(10, TimeUnit.SECONDS)).isFalse();
        }
        assertThat(ledger.findByClientMessageId(sender, "c-1")).contains(original);
    }

    private static void insert(Connection connection, RecordedMessage message) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("insert into message_ledger"
                + " (conversation_id, message_id, seq, sender_id, client_message_id, deleted) values (?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, message.conversationId());
            insert.setString(2, message.messageId());
            insert.setLong(3, message.seq());
            insert.setString(4, message.senderId());
            insert.setString(5, message.clientMessageId());
            insert.setBoolean(6, message.deleted());
            insert.executeUpdate();
        }
    }

    private boolean someoneWaitsForALock() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("select count(*) from pg_stat_activity"
                     + " where datname = current_database() and wait_event_type = 'Lock'");
             ResultSet result = query.executeQuery()) {
            result.next();
            return result.getInt(1) > 0;
        }
    }
}
