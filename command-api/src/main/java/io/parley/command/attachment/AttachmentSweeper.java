package io.parley.command.attachment;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.parley.kernel.attachment.AttachmentStorage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes the bytes no one needs any more: attachments of messages deleted for everyone and of deleted accounts,
 * and uploads not sent within {@code parley.attachments.unsent-ttl} (24 h). A scheduled sweep, not a TTL index: it
 * works the same on every store, and the embedded MongoDB wire server never expires anything. Several instances may
 * sweep at once: each row is deleted once, and deleting bytes twice is harmless.
 */
@Component
public class AttachmentSweeper {

    private static final Logger log = LoggerFactory.getLogger(AttachmentSweeper.class);
    private static final int BATCH = 500;

    private final StoredAttachments attachments;
    private final AttachmentStorage storage;
    private final AttachmentProperties properties;
    private final Clock clock;

    AttachmentSweeper(StoredAttachments attachments, AttachmentStorage storage, AttachmentProperties properties,
                      Clock clock) {
        this.attachments = attachments;
        this.storage = storage;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${parley.attachments.sweep-interval}",
            initialDelayString = "${parley.attachments.sweep-interval}")
    public void sweep() {
        Instant unsentBefore = clock.instant().minus(properties.unsentTtl());
        List<String> unneeded;
        do {
            unneeded = attachments.unneeded(unsentBefore, BATCH);
            for (String attachmentId : unneeded) {
                if (attachments.forget(attachmentId, unsentBefore)) {
                    deleteBytes(attachmentId);
                }
            }
        } while (unneeded.size() == BATCH);
    }

    private void deleteBytes(String attachmentId) {
        try {
            storage.delete(attachmentId);
            storage.delete(Uploads.thumbnailKey(attachmentId));
        } catch (IOException e) {
            log.warn("Bytes of attachment {} could not be deleted and stay orphaned in the store", attachmentId, e);
        }
    }
}
