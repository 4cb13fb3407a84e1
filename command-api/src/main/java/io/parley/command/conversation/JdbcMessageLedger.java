package io.parley.command.conversation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import io.parley.kernel.error.DomainException;
import io.parley.kernel.error.ErrorCode;
import io.parley.kernel.message.Attachment;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The message ledger in PostgreSQL ({@code message_ledger}, {@code message_reaction}); joins the Spring transaction. */
final class JdbcMessageLedger implements MessageLedger {

    private static final String COLUMNS = "conversation_id, message_id, seq, sender_id, client_message_id, deleted";
    private static final RowMapper<RecordedMessage> ROW = (rs, rowNum) -> new RecordedMessage(
            rs.getString("conversation_id"), rs.getString("message_id"), rs.getLong("seq"), rs.getString("sender_id"),
            rs.getString("client_message_id"), rs.getBoolean("deleted"));

    private final JdbcClient jdbc;

    JdbcMessageLedger(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
    }

    @Override
    public Optional<RecordedMessage> findByClientMessageId(String senderId, String clientMessageId) {
        return jdbc.sql("select " + COLUMNS + " from message_ledger where sender_id = ? and client_message_id = ?")
                .params(senderId, clientMessageId)
                .query(ROW)
                .optional();
    }

    @Override
    public Optional<RecordedMessage> find(String conversationId, String messageId) {
        return jdbc.sql("select " + COLUMNS + " from message_ledger where message_id = ? and conversation_id = ?")
                .params(messageId, conversationId)
                .query(ROW)
                .optional();
    }

    @Override
    public boolean record(RecordedMessage message) {
        try {
            // Waits for a concurrent insert of the same (sender, client message id), then does nothing if it committed.
            return jdbc.sql("insert into message_ledger (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?)"
                            + " on conflict (sender_id, client_message_id) do nothing")
                    .params(message.conversationId(), message.messageId(), message.seq(), message.senderId(),
                            message.clientMessageId(), message.deleted())
                    .update() == 1;
        } catch (DuplicateKeyException e) {
            throw new ConcurrencyException("Seq " + message.seq() + " of conversation " + message.conversationId()
                    + " was taken by a concurrent writer", e);
        }
    }

    /** One statement, and only for a message with attachments: a send without any costs nothing more. */
    @Override
    public List<Attachment> claimAttachments(String conversationId, String senderId, String messageId,
                                             List<String> attachmentIds) {
        if (attachmentIds.isEmpty()) {
            return List.of();
        }
        if (attachmentIds.stream().distinct().count() != attachmentIds.size()) {
            throw invalidAttachment();
        }
        Map<String, Attachment> claimed = new HashMap<>();
        jdbc.sql("update attachment set message_id = :message where attachment_id in (:ids)"
                        + " and conversation_id = :conversation and uploader_id = :sender"
                        + " and message_id is null and discarded_at is null"
                        + " returning attachment_id, name, content_type, size, width, height, thumbnail")
                .param("message", messageId)
                .param("ids", attachmentIds)
                .param("conversation", conversationId)
                .param("sender", senderId)
                .query((rs, rowNum) -> attachment(rs))
                .list()
                .forEach(attachment -> claimed.put(attachment.attachmentId(), attachment));
        if (claimed.size() != attachmentIds.size()) {
            throw invalidAttachment();
        }
        return attachmentIds.stream().map(claimed::get).toList();
    }

    private static Attachment attachment(ResultSet rs) throws SQLException {
        return new Attachment(rs.getString("attachment_id"), rs.getString("name"), rs.getString("content_type"),
                rs.getLong("size"), (Integer) rs.getObject("width"), (Integer) rs.getObject("height"),
                rs.getBoolean("thumbnail"));
    }

    private static DomainException invalidAttachment() {
        return new DomainException(ErrorCode.INVALID_ATTACHMENT,
                "Attachments are your own uploads to this conversation, each sent once");
    }

    @Override
    public void markDeleted(String messageId) {
        jdbc.sql("update message_ledger set deleted = true where message_id = ?").param(messageId).update();
        jdbc.sql("delete from message_reaction where message_id = ?").param(messageId).update();
        jdbc.sql("update attachment set discarded_at = now() where message_id = ? and discarded_at is null")
                .param(messageId).update();
    }

    @Override
    public boolean addReaction(String messageId, String userId, String emoji) {
        return jdbc.sql("insert into message_reaction (message_id, user_id, emoji) values (?, ?, ?) on conflict do nothing")
                .params(messageId, userId, emoji)
                .update() == 1;
    }

    @Override
    public boolean removeReaction(String messageId, String userId, String emoji) {
        return jdbc.sql("delete from message_reaction where message_id = ? and user_id = ? and emoji = ?")
                .params(messageId, userId, emoji)
                .update() == 1;
    }
}
