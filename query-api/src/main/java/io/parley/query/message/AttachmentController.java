package io.parley.query.message;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.parley.kernel.attachment.AttachmentStorage;
import io.parley.kernel.error.DomainException;
import io.parley.kernel.error.ErrorCode;
import io.parley.query.conversation.ConversationAccess;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * docs/api.md "Attachments", the downloads: members of the conversation an attachment was sent in get its bytes
 * (one range at a time), everyone else the 404 an unknown id gets. Nothing a browser would run is served as itself:
 * types that could carry script go out as {@code application/octet-stream}, only images, PDF and plain text are
 * {@code inline}, and every answer is {@code nosniff} and sandboxed.
 */
@RestController
class AttachmentController {

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");
    private static final Set<String> INLINE = Set.of("image/jpeg", "image/png", "image/gif", "image/webp",
            "image/bmp", "application/pdf", "text/plain");
    private static final Set<String> ACTIVE = Set.of("text/html", "application/xhtml+xml", "image/svg+xml",
            "text/xml", "application/xml", "text/javascript", "application/javascript", "application/x-javascript");

    private final MongoTemplate mongo;
    private final ConversationAccess access;
    private final AttachmentStorage storage;

    AttachmentController(MongoTemplate mongo, ConversationAccess access, AttachmentStorage storage) {
        this.mongo = mongo;
        this.access = access;
        this.storage = storage;
    }

    @GetMapping("/api/v1/attachments/{attachmentId}")
    @ApiResponse(responseCode = "200", description = "The file")
    @ApiResponse(responseCode = "206", description = "The part a Range header asked for")
    ResponseEntity<StreamingResponseBody> download(@PathVariable String attachmentId,
                                                   @RequestHeader(name = HttpHeaders.RANGE, required = false)
                                                   String range, Authentication caller) {
        AttachmentDocument attachment = visible(attachmentId, caller);
        return serve(attachmentId, attachment.size(), servedType(attachment.contentType()),
                disposition(attachment), range);
    }

    @GetMapping("/api/v1/attachments/{attachmentId}/thumbnail")
    ResponseEntity<StreamingResponseBody> thumbnail(@PathVariable String attachmentId, Authentication caller)
            throws IOException {
        AttachmentDocument attachment = visible(attachmentId, caller);
        if (!attachment.thumbnail()) {
            throw notFound(attachmentId);
        }
        String key = attachmentId + ".thumbnail";
        InputStream bytes = open(key, attachmentId, 0, -1);
        return ResponseEntity.ok()
                .headers(safe(ContentDisposition.inline().filename("thumbnail.jpg").build()))
                .contentType(MediaType.IMAGE_JPEG)
                .body(out -> copy(bytes, out));
    }

    private AttachmentDocument visible(String attachmentId, Authentication caller) {
        if (attachmentId == null || !AttachmentStorage.KEY.matcher(attachmentId).matches()
                || attachmentId.contains(".")) {
            throw notFound(attachmentId);
        }
        return AttachmentDocuments.sent(mongo, attachmentId)
                .filter(attachment -> access.isMember(attachment.conversationId(), caller.getName()))
                .orElseThrow(() -> notFound(attachmentId));
    }

    private ResponseEntity<StreamingResponseBody> serve(String key, long size, MediaType type,
                                                        ContentDisposition disposition, String range) {
        HttpHeaders headers = safe(disposition);
        headers.set(HttpHeaders.ACCEPT_RANGES, "bytes");
        long first = 0;
        long last = size - 1;
        HttpStatus status = HttpStatus.OK;
        Matcher matcher = range == null ? null : RANGE.matcher(range.strip());
        if (matcher != null && matcher.matches() && !(matcher.group(1).isEmpty() && matcher.group(2).isEmpty())) {
            if (matcher.group(1).isEmpty()) {
                first = Math.max(0, size - Long.parseLong(matcher.group(2)));
            } else {
                first = Long.parseLong(matcher.group(1));
                last = matcher.group(2).isEmpty() ? size - 1 : Math.min(size - 1, Long.parseLong(matcher.group(2)));
            }
            if (first >= size || first > last) {
                headers.set(HttpHeaders.CONTENT_RANGE, "bytes */" + size);
                return ResponseEntity.status(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE).headers(headers).build();
            }
            status = HttpStatus.PARTIAL_CONTENT;
            headers.set(HttpHeaders.CONTENT_RANGE, "bytes " + first + "-" + last + "/" + size);
        }
        long length = last - first + 1;
        InputStream bytes = open(key, key, first, length);
        headers.setContentLength(length);
        return ResponseEntity.status(status).headers(headers).contentType(type).body(out -> copy(bytes, out));
    }

    private InputStream open(String key, String attachmentId, long offset, long length) {
        try {
            return storage.open(key, offset, length);
        } catch (NoSuchFileException gone) {
            throw notFound(attachmentId);
        } catch (IOException e) {
            throw new IllegalStateException("Attachment " + attachmentId + " could not be read", e);
        }
    }

    private static void copy(InputStream bytes, OutputStream out) throws IOException {
        try (bytes) {
            bytes.transferTo(out);
        }
    }

    private static HttpHeaders safe(ContentDisposition disposition) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentDisposition(disposition);
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Content-Security-Policy", "sandbox; default-src 'none'");
        headers.setCacheControl("private, max-age=86400");
        return headers;
    }

    static MediaType servedType(String contentType) {
        if (contentType == null || ACTIVE.contains(contentType)) {
            return MediaType.APPLICATION_OCTET_STREAM;
        }
        try {
            return MediaType.parseMediaType(contentType);
        } catch (RuntimeException malformed) {
            return MediaType.APPLICATION_OCTET_STREAM;
        }
    }

    private static ContentDisposition disposition(AttachmentDocument attachment) {
        ContentDisposition.Builder builder = INLINE.contains(attachment.contentType())
                ? ContentDisposition.inline() : ContentDisposition.attachment();
        return builder.filename(attachment.name(), StandardCharsets.UTF_8).build();
    }

    private static DomainException notFound(String attachmentId) {
        return new DomainException(ErrorCode.ATTACHMENT_NOT_FOUND, "No attachment " + attachmentId);
    }
}
