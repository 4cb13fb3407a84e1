package io.parley.command.conversation.web;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import io.parley.command.account.KnownUsers;
import io.parley.command.conversation.Conversations;
import io.parley.command.web.EventPositions;
import io.parley.command.web.Ids;
import io.parley.kernel.text.PlainText;
import io.parley.kernel.message.AddReactionCommand;
import io.parley.kernel.message.DeleteMessageCommand;
import io.parley.kernel.message.DeletionScope;
import io.parley.kernel.message.EditMessageCommand;
import io.parley.kernel.message.MessageSent;
import io.parley.kernel.message.MessageText;
import io.parley.kernel.message.RemoveReactionCommand;
import io.parley.kernel.message.SendMessageCommand;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * docs/api.md "Conversations — writes", the messages: send (idempotent on the sender's clientMessageId), edit, delete,
 * reactions. Text and emoji rules are the kernel's {@code MessageText} and {@code Emoji}; the bounds here only keep
 * absurd input away from the command bus.
 */
@RestController
@RequestMapping("/api/v1/conversations/{conversationId}/messages")
@Tag(name = "Messages", description = "Send, edit and delete messages; reactions")
class MessageController {

    // UTF-16 units: twice the code point limit, so whatever MessageText accepts (after trimming) passes here.
    static final int TEXT_MAX_UTF16 = 2 * MessageText.MAX_LENGTH;
    static final int MAX_MENTIONS = 100;
    // Message ids are UUIDs of version 7 (RFC 9562): time-ordered, as MongoDB's ObjectIds are, so the read models
    // keyed by message id grow at the end of their indexes instead of touching a random page per message (on the
    // embedded wire server every touched page is written again at its next commit).
    private static final TimeBasedEpochGenerator MESSAGE_IDS = Generators.timeBasedEpochGenerator();

    private final ConversationCommands conversations;
    private final KnownUsers users;
    private final EventPositions positions;

    MessageController(ConversationCommands conversations, KnownUsers users, EventPositions positions) {
        this.conversations = conversations;
        this.users = users;
        this.positions = positions;
    }

    /**
     * 201 with the new message's id and seq; a retry with the same clientMessageId gets 200 and the first answer.
     * Both carry {@code X-Position}: on a retry it is the store's head, which is at or past the original message, so
     * a client whose first answer was lost can still wait for its message on the read side.
     */
    @PostMapping
    @ApiResponse(responseCode = "201", description = "Sent: {messageId, seq}")
    @ApiResponse(responseCode = "200", description = "Sent before with this clientMessageId: the first answer")
    ResponseEntity<MessageAccepted> send(@AuthenticationPrincipal Jwt caller, @PathVariable String conversationId,
                                         @Valid @RequestBody NewMessage request) {
        if (!Ids.isId(conversationId)) {
            throw Conversations.notFound(conversationId);
        }
        List<String> mentions = request.mentions() == null ? List.of() : request.mentions();
        users.requireAll(new ArrayList<>(new HashSet<>(mentions)));
        MessageSent sent = conversations.send(new SendMessageCommand(conversationId,
                caller.getSubject(), request.clientMessageId(), MESSAGE_IDS.generate().toString(), request.text(),
                request.replyToMessageId(), new HashSet<>(mentions),
                request.attachmentIds() == null ? List.of() : request.attachmentIds()));
        return positions.status(sent.duplicate() ? HttpStatus.OK : HttpStatus.CREATED)
                .body(new MessageAccepted(sent.messageId(), sent.seq()));
    }

    @PatchMapping("/{messageId}")
    ResponseEntity<Void> edit(@AuthenticationPrincipal Jwt caller, @PathVariable String conversationId,
                              @PathVariable String messageId, @Valid @RequestBody TextChange request) {
        conversations.send(conversationId, new EditMessageCommand(conversationId, caller.getSubject(), messageId,
                request.text()));
        return positions.status(HttpStatus.NO_CONTENT).build();
    }

    @DeleteMapping("/{messageId}")
    ResponseEntity<Void> delete(@AuthenticationPrincipal Jwt caller, @PathVariable String conversationId,
                                @PathVariable String messageId,
                                @Parameter(description = "everyone (author, OWNER, ADMIN) or me (any member)")
                                @RequestParam @Pattern(regexp = "(?i)everyone|me", message = "must be everyone or me")
                                String scope) {
        conversations.send(conversationId, new DeleteMessageCommand(conversationId, caller.getSubject(), messageId,
                DeletionScope.valueOf(scope.toUpperCase(Locale.ROOT))));
        return positions.status(HttpStatus.NO_CONTENT).build();
    }

    /** The emoji is the decoded path segment (percent-encoded UTF-8); adding it twice changes nothing. */
    @PutMapping("/{messageId}/reactions/{emoji}")
    ResponseEntity<Void> react(@AuthenticationPrincipal Jwt caller, @PathVariable String conversationId,
                               @PathVariable String messageId, @PathVariable String emoji) {
        conversations.send(conversationId, new AddReactionCommand(conversationId, caller.getSubject(), messageId,
                emoji));
        return positions.status(HttpStatus.NO_CONTENT).build();
    }

    @DeleteMapping("/{messageId}/reactions/{emoji}")
    ResponseEntity<Void> unreact(@AuthenticationPrincipal Jwt caller, @PathVariable String conversationId,
                                 @PathVariable String messageId, @PathVariable String emoji) {
        conversations.send(conversationId, new RemoveReactionCommand(conversationId, caller.getSubject(), messageId,
                emoji));
        return positions.status(HttpStatus.NO_CONTENT).build();
    }

    record NewMessage(
            @NotBlank @PlainText @Size(max = Conversations.CLIENT_MESSAGE_ID_MAX_LENGTH) String clientMessageId,
            @NotNull @PlainText(multiline = true) @Size(max = TEXT_MAX_UTF16) String text,
            @PlainText @Size(max = Ids.MAX_LENGTH) String replyToMessageId,
            @Size(max = MAX_MENTIONS) List<@NotBlank @PlainText @Size(max = Ids.MAX_LENGTH) String> mentions,
            @Size(max = SendMessageCommand.MAX_ATTACHMENTS)
            List<@NotBlank @PlainText @Size(max = Ids.MAX_LENGTH) String> attachmentIds) {
    }

    record TextChange(@NotNull @PlainText(multiline = true) @Size(max = TEXT_MAX_UTF16) String text) {
    }

    record MessageAccepted(String messageId, long seq) {
    }
}
