package io.parley.command.conversation.web;

import io.parley.command.web.EventPositions;
import io.parley.kernel.conversation.ArchiveConversationCommand;
import io.parley.kernel.message.RemoveMessageCommand;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * docs/api.md "Admin": remove any message, archive a conversation (role ADMIN, see SecurityConfiguration). The
 * admin needs no membership; an unknown conversation is 404 {@code CONVERSATION_NOT_FOUND} as for anyone.
 */
@RestController
@RequestMapping("/api/v1/admin/conversations/{conversationId}")
@Tag(name = "Admin", description = "Moderation by users with role ADMIN")
class AdminConversationController {

    private final ConversationCommands conversations;
    private final EventPositions positions;

    AdminConversationController(ConversationCommands conversations, EventPositions positions) {
        this.conversations = conversations;
        this.positions = positions;
    }

    /** Shown to members as deleted for everyone (live: {@code message.deleted}); removing it again changes nothing. */
    @DeleteMapping("/messages/{messageId}")
    ResponseEntity<Void> removeMessage(@AuthenticationPrincipal Jwt caller, @PathVariable String conversationId,
                                       @PathVariable String messageId) {
        conversations.send(conversationId, new RemoveMessageCommand(conversationId, caller.getSubject(), messageId));
        return positions.status(HttpStatus.NO_CONTENT).build();
    }

    /** The history stays readable; writes to it answer 409 {@code CONVERSATION_ARCHIVED}. */
    @PostMapping("/archive")
    ResponseEntity<Void> archive(@AuthenticationPrincipal Jwt caller, @PathVariable String conversationId) {
        conversations.send(conversationId, new ArchiveConversationCommand(conversationId, caller.getSubject()));
        return positions.status(HttpStatus.NO_CONTENT).build();
    }
}
