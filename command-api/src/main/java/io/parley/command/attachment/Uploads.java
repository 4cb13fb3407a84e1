package io.parley.command.attachment;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.UUID;

import io.parley.kernel.attachment.AttachmentStorage;
import io.parley.kernel.error.DomainException;
import io.parley.kernel.error.ErrorCode;
import io.parley.kernel.message.Attachment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * An upload, once its uploader is known to be a member: the body is spooled to a file as it arrives (never held in
 * memory) and cut at the size limit or at what is left of the uploader's quota, typed from its bytes, checked
 * against the allowed types, stripped of image metadata, thumbnailed, stored, and recorded. The spool files are
 * deleted whatever happens.
 */
@Component
public class Uploads {

    private static final Logger log = LoggerFactory.getLogger(Uploads.class);

    private final AttachmentStorage storage;
    private final StoredAttachments attachments;
    private final AttachmentProperties properties;
    private final Clock clock;
    private final TypeDetection types = new TypeDetection();

    Uploads(AttachmentStorage storage, StoredAttachments attachments, AttachmentProperties properties, Clock clock) {
        this.storage = storage;
        this.attachments = attachments;
        this.properties = properties;
        this.clock = clock;
    }

    public static String thumbnailKey(String attachmentId) {
        return attachmentId + ".thumbnail";
    }

    /** {@code declaredLength}: the request's Content-Length, -1 when chunked; refused early when over a limit. */
    public Attachment upload(String conversationId, String uploaderId, String name, long declaredLength,
                             InputStream body) throws IOException {
        long maxSize = properties.maxSize().toBytes();
        long left = properties.quota().toBytes() - attachments.usedBy(uploaderId);
        refuseIfOver(declaredLength, maxSize, left);
        Files.createDirectories(properties.incomingDirectory());
        String attachmentId = UUID.randomUUID().toString();
        Path spooled = properties.incomingDirectory().resolve(attachmentId);
        Path stripped = properties.incomingDirectory().resolve(attachmentId + ".stripped");
        Path thumbnail = properties.incomingDirectory().resolve(attachmentId + ".thumbnail");
        try {
            long size = spool(body, spooled, Math.min(maxSize, left) + 1);
            refuseIfOver(size, maxSize, left);
            if (size == 0) {
                throw new DomainException(ErrorCode.VALIDATION_FAILED, "An attachment has at least one byte");
            }
            String type = types.detect(spooled, name);
            if (!properties.allowedTypes().contains(type)) {
                throw new DomainException(ErrorCode.ATTACHMENT_TYPE_NOT_ALLOWED,
                        "Files of type " + type + " cannot be attached");
            }
            Path stored = spooled;
            if (Images.stripMetadata(spooled, type, stripped)) {
                stored = stripped;
                size = Files.size(stripped);
            }
            Images.Dimensions dimensions = Images.dimensions(stored, type);
            boolean thumbnailed = Images.thumbnail(stored, dimensions, thumbnail);
            Attachment attachment = new Attachment(attachmentId, name, type, size,
                    dimensions == null ? null : dimensions.width(), dimensions == null ? null : dimensions.height(),
                    thumbnailed);
            storage.put(attachmentId, stored, type);
            if (thumbnailed) {
                storage.put(thumbnailKey(attachmentId), thumbnail, "image/jpeg");
            }
            if (!attachments.record(conversationId, uploaderId, attachment, clock.instant(),
                    properties.quota().toBytes())) {
                deleteStored(attachmentId);
                throw quotaExceeded();
            }
            return attachment;
        } finally {
            Files.deleteIfExists(spooled);
            Files.deleteIfExists(stripped);
            Files.deleteIfExists(thumbnail);
        }
    }

    private static void refuseIfOver(long size, long maxSize, long left) {
        if (size > maxSize) {
            throw new DomainException(ErrorCode.PAYLOAD_TOO_LARGE, "An attachment has at most " + maxSize + " bytes");
        }
        if (size > left) {
            throw quotaExceeded();
        }
    }

    private static DomainException quotaExceeded() {
        return new DomainException(ErrorCode.QUOTA_EXCEEDED, "This upload would exceed your storage quota");
    }

    /** Copies at most {@code limit} bytes; the count copied (equal to the limit: there was more). */
    private static long spool(InputStream body, Path target, long limit) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        try (OutputStream out = Files.newOutputStream(target)) {
            int read;
            while (total < limit && (read = body.read(buffer, 0, (int) Math.min(buffer.length, limit - total))) >= 0) {
                out.write(buffer, 0, read);
                total += read;
            }
        }
        return total;
    }

    private void deleteStored(String attachmentId) {
        try {
            storage.delete(attachmentId);
            storage.delete(thumbnailKey(attachmentId));
        } catch (IOException e) {
            log.warn("Bytes of refused attachment {} stay orphaned in the store", attachmentId, e);
        }
    }
}
