package io.parley.command.attachment.web;

import java.io.IOException;

import io.parley.command.attachment.Uploads;
import io.parley.command.conversation.web.ConversationCommands;
import io.parley.command.web.UploadRoutes;
import io.parley.kernel.message.Attachment;
import io.parley.kernel.message.AuthorizeAttachmentUploadCommand;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * docs/api.md "Attachments", the upload: the raw body is the file, {@code name} its file name. Members only: the
 * conversation is asked first (a stranger gets the 404 an unknown conversation gets), so nothing of a stranger's
 * body is stored.
 */
@RestController
@Tag(name = "Attachments", description = "Upload files to send with messages")
class AttachmentController {

    private final ConversationCommands conversations;
    private final Uploads uploads;

    AttachmentController(ConversationCommands conversations, Uploads uploads) {
        this.conversations = conversations;
        this.uploads = uploads;
    }

    @PostMapping(UploadRoutes.UPLOAD)
    @ApiResponse(responseCode = "201", description = "Stored: {attachmentId, name, size, contentType, width, height}")
    ResponseEntity<UploadedAttachment> upload(@AuthenticationPrincipal Jwt caller, @PathVariable String conversationId,
                                              @Parameter(description = "the file's name, as members will see it")
                                              @RequestParam(required = false) String name,
                                              HttpServletRequest request) throws IOException {
        conversations.send(conversationId, new AuthorizeAttachmentUploadCommand(conversationId, caller.getSubject()));
        Attachment attachment = uploads.upload(conversationId, caller.getSubject(), FileNames.clean(name),
                request.getContentLengthLong(), request.getInputStream());
        return ResponseEntity.status(HttpStatus.CREATED).body(UploadedAttachment.of(attachment));
    }

    /** The upload's answer; the thumbnail is served with the attachment once it is sent. */
    record UploadedAttachment(String attachmentId, String name, long size, String contentType, Integer width,
                              Integer height, boolean thumbnail) {

        static UploadedAttachment of(Attachment attachment) {
            return new UploadedAttachment(attachment.attachmentId(), attachment.name(), attachment.size(),
                    attachment.contentType(), attachment.width(), attachment.height(), attachment.thumbnail());
        }
    }
}
