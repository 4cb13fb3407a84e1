package io.parley.query.message;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * Where an attachment was sent: its conversation and message, and what a download answers with. Written only for
 * messages with attachments, so a send without any costs nothing here.
 */
@Document(AttachmentDocument.COLLECTION)
record AttachmentDocument(@Id String id, String conversationId, String messageId, String name, String contentType,
                          long size, boolean thumbnail) {

    static final String COLLECTION = "message_attachments";
}
