package io.parley.command.attachment;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import io.parley.kernel.message.Attachment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code attachment} table: uploads, which message sent them (claimed by the message ledger in the send's
 * transaction), and which are discarded. Joins the Spring transaction it is called in.
 */
@Component
public class StoredAttachments {

    private final JdbcClient jdbc;

    public StoredAttachments(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
    }

    /** Bytes the user keeps stored: uploads not discarded, sent or not. */
    public long usedBy(String uploaderId) {
        return jdbc.sql("select coalesce(sum(size), 0) from attachment where uploader_id = ? and discarded_at is null")
                .param(uploaderId)
                .query(Long.class)
                .single();
    }

    /** Records the upload unless it takes its uploader past the quota (checked in the same statement); false then. */
    public boolean record(String conversationId, String uploaderId, Attachment attachment, Instant uploadedAt,
                          long quota) {
        return jdbc.sql("insert into attachment (attachment_id, conversation_id, uploader_id, name, content_type, size,"
                        + " width, height, thumbnail, uploaded_at)"
                        + " select ?, ?, ?, ?, ?, ?, ?, ?, ?, ?"
                        + " where (select coalesce(sum(size), 0) from attachment"
                        + " where uploader_id = ? and discarded_at is null) + ? <= ?")
                .params(attachment.attachmentId(), conversationId, uploaderId, attachment.name(),
                        attachment.contentType(), attachment.size(), attachment.width(), attachment.height(),
                        attachment.thumbnail(), Timestamp.from(uploadedAt), uploaderId, attachment.size(), quota)
                .update() == 1;
    }

    /** Everything the user uploaded goes (their account is deleted). */
    public void discardAllOf(String uploaderId) {
        jdbc.sql("update attachment set discarded_at = now() where uploader_id = ? and discarded_at is null")
                .param(uploaderId)
                .update();
    }

    /** Ids whose bytes are no longer needed: discarded, or never sent and uploaded before {@code unsentBefore}. */
    List<String> unneeded(Instant unsentBefore, int limit) {
        return jdbc.sql("(select attachment_id from attachment where discarded_at is not null limit ?)"
                        + " union (select attachment_id from attachment where message_id is null"
                        + " and uploaded_at < ? limit ?)")
                .params(limit, Timestamp.from(unsentBefore), limit)
                .query(String.class)
                .list();
    }

    /**
     * Deletes the row if it is still unneeded; true then, and its bytes may go. Row first: a send racing with this
     * either claimed it before (then it stays) or finds nothing and fails as invalid, never sends missing bytes.
     */
    boolean forget(String attachmentId, Instant unsentBefore) {
        return jdbc.sql("delete from attachment where attachment_id = ?"
                        + " and (discarded_at is not null or (message_id is null and uploaded_at < ?))")
                .params(attachmentId, Timestamp.from(unsentBefore))
                .update() == 1;
    }
}
