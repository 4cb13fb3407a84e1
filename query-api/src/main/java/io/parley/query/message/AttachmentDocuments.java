package io.parley.query.message;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.List;
import java.util.Optional;

import io.parley.kernel.message.Attachment;
import io.parley.kernel.message.MessageSentEvent;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.data.util.Pair;

/**
 * The {@code message_attachments} collection: written by {@link MessageProjection} (an upsert per attachment, keyed by
 * its id, so a replay changes nothing), read by downloads, which also check that the message is still there.
 */
final class AttachmentDocuments {

    private final MongoTemplate mongo;

    AttachmentDocuments(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    void sent(MessageSentEvent event) {
        List<Pair<Query, Update>> upserts = event.attachments().stream()
                .map(attachment -> Pair.of(query(where("_id").is(attachment.attachmentId())),
                        inserted(event, attachment)))
                .toList();
        mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, AttachmentDocument.class).upsert(upserts).execute();
    }

    private static Update inserted(MessageSentEvent event, Attachment attachment) {
        return new Update()
                .setOnInsert("conversationId", event.conversationId())
                .setOnInsert("messageId", event.messageId())
                .setOnInsert("name", attachment.name())
                .setOnInsert("contentType", attachment.contentType())
                .setOnInsert("size", attachment.size())
                .setOnInsert("thumbnail", attachment.thumbnail());
    }

    /** The attachment, if it was sent in a message that is not deleted for everyone. */
    static Optional<AttachmentDocument> sent(MongoTemplate mongo, String attachmentId) {
        AttachmentDocument attachment = mongo.findById(attachmentId, AttachmentDocument.class);
        if (attachment == null) {
            return Optional.empty();
        }
        MessageDocument message = mongo.findById(attachment.messageId(), MessageDocument.class);
        return message == null || message.deleted() ? Optional.empty() : Optional.of(attachment);
    }
}
