package io.parley.command.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import io.parley.command.testing.CommandDatabase;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;

/** The constraints that keep sends idempotent and seqs unique when two writers race (two instances, a stale cache). */
class JdbcMessageLedgerTest {

    private final MessageLedger ledger = new JdbcMessageLedger(CommandDatabase.dataSource());
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
}
