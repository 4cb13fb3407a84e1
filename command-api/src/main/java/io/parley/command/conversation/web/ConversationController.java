package io.parley.command.conversation.web;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import io.parley.command.account.KnownUsers;
import io.parley.command.conversation.Conversations;
import io.parley.command.web.EventPositions;
import io.parley.command.web.Ids;
import io.parley.kernel.text.PlainText;
import io.parley.kernel.conversation.AddMemberCommand;
import io.parley.kernel.conversation.ChangeConversationDetailsCommand;
import io.parley.kernel.conversation.ChangeMemberRoleCommand;
import io.parley.kernel.conversation.CreateGroupCommand;
import io.parley.kernel.conversation.DirectConversationOpened;
import io.parley.kernel.conversation.MarkConversationReadCommand;
import io.parley.kernel.conversation.MemberRole;
import io.parley.kernel.conversation.MuteConversationCommand;
import io.parley.kernel.conversation.OpenDirectConversationCommand;
import io.parley.kernel.conversation.RemoveMemberCommand;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
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
import org.springframework.web.bind.annotation.RestController;

/**
 * docs/api.md "Conversations — writes": opening and creating conversations, their details, members, read markers and
 * mute. The acting user is the access token's subject; every answer carries {@code X-Position}.
 */
@RestController
@RequestMapping("/api/v1/conversations")
@Tag(name = "Conversations", description = "Direct and group conversations: members, roles, details, read markers, mute")
class ConversationController {

    // Bean Validation bounds of free text in UTF-16 units: twice the domain's code point limits, so nothing the domain
    // accepts is refused here; the domain (trimming, counting code points) stays the rule.
    static final int NAME_MAX_UTF16 = 2 * Conversations.NAME_MAX_LENGTH;
    static final int TOPIC_MAX_UTF16 = 2 * Conversations.TOPIC_MAX_LENGTH;
    static final int MAX_INITIAL_MEMBERS = 500;

    private final CommandGateway commands;
    private final ConversationCommands conversations;
    private final KnownUsers users;
    private final EventPositions positions;

    ConversationController(CommandGateway commands, ConversationCommands conversations, KnownUsers users,
                           EventPositions positions) {
        this.commands = commands;
        this.conversations = conversations;
        this.users = users;
        this.positions = positions;
    }

    /** 201 when this opened it, 200 when the pair had it already: the same id either way. */
    @PostMapping("/direct")
    @ApiResponse(responseCode = "201", description = "Opened: {conversationId}")
    @ApiResponse(responseCode = "200", description = "It existed: {conversationId}")
    ResponseEntity<ConversationCreated> openDirect(@AuthenticationPrincipal Jwt caller,
                                                   @Valid @RequestBody DirectRequest request) {
        users.require(request.userId());
        DirectConversationOpened opened = commands.sendAndWait(
                OpenDirectConversationCommand.between(caller.getSubject(), request.userId()));
        return positions.status(opened.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(new ConversationCreated(opened.conversationId()));
    }

    @PostMapping("/groups")
    @ApiResponse(responseCode = "201", description = "Created: {conversationId}; the caller is OWNER")
    ResponseEntity<ConversationCreated> createGroup(@AuthenticationPrincipal Jwt caller,
                                                    @Valid @RequestBody GroupRequest request) {
        List<String> memberIds = request.memberIds() == null ? List.of() : request.memberIds();
        users.requireAll(new ArrayList<>(new HashSet<>(memberIds)));
        String conversationId = UUID.randomUUID().toString();
        commands.sendAndWait(new CreateGroupCommand(conversationId, caller.getSubject(), request.name(),
                new HashSet<>(memberIds)));
        return positions.status(HttpStatus.CREATED).body(new ConversationCreated(conversationId));
    }

    /** Null leaves a field as it is; an empty topic clears it. */
    @PatchMapping("/{conversationId}")
    ResponseEntity<Void> changeDetails(@AuthenticationPrincipal Jwt caller, @PathVariable String conversationId,
                                       @Valid @RequestBody DetailsChange request) {
        conversations.send(conversationId, new ChangeConversationDetailsCommand(conversationId, caller.getSubject(),
                request.name(), request.topic()));
        return positions.status(HttpStatus.NO_CONTENT).build();
    }

    @PostMapping("/{conversationId}/members")
    ResponseEntity<Void> addMember(@AuthenticationPrincipal Jwt caller, @PathVariable String conversationId,
                                   @Valid @RequestBody MemberRequest request) {
        if (!Ids.isId(conversationId)) {
            throw Conversations.notFound(conversationId);
        }
        users.require(request.userId());
        conversations.send(conversationId, new AddMemberCommand(conversationId, caller.getSubject(), request.userId()));
        return positions.status(HttpStatus.NO_CONTENT).build();
    }

    /** Removing oneself is leaving. */
    @DeleteMapping("/{conversationId}/members/{userId}")
    ResponseEntity<Void> removeMember(@AuthenticationPrincipal Jwt caller, @PathVariable String conversationId,
                                      @PathVariable String userId) {
        conversations.send(conversationId, new RemoveMemberCommand(conversationId, caller.getSubject(), userId));
        return positions.status(HttpStatus.NO_CONTENT).build();
    }

    @PutMapping("/{conversationId}/members/{userId}/role")
    ResponseEntity<Void> changeRole(@AuthenticationPrincipal Jwt caller, @PathVariable String conversationId,
                                    @PathVariable String userId, @Valid @RequestBody RoleChange request) {
        conversations.send(conversationId, new ChangeMemberRoleCommand(conversationId, caller.getSubject(), userId,
                MemberRole.valueOf(request.role())));
        return positions.status(HttpStatus.NO_CONTENT).build();
    }

    @PostMapping("/{conversationId}/read")
    ResponseEntity<Void> markRead(@AuthenticationPrincipal Jwt caller, @PathVariable String conversationId,
                                  @Valid @RequestBody ReadMarker request) {
        conversations.send(conversationId, new MarkConversationReadCommand(conversationId, caller.getSubject(),
                request.upToSeq()));
        return positions.status(HttpStatus.NO_CONTENT).build();
    }

    @PutMapping("/{conversationId}/mute")
    ResponseEntity<Void> mute(@AuthenticationPrincipal Jwt caller, @PathVariable String conversationId,
                              @Valid @RequestBody MuteSetting request) {
        conversations.send(conversationId, new MuteConversationCommand(conversationId, caller.getSubject(),
                request.muted()));
        return positions.status(HttpStatus.NO_CONTENT).build();
    }

    record DirectRequest(@NotBlank @PlainText @Size(max = Ids.MAX_LENGTH) String userId) {
    }

    record GroupRequest(
            @NotNull @PlainText @Size(max = NAME_MAX_UTF16) String name,
            @Size(max = MAX_INITIAL_MEMBERS) List<@NotBlank @PlainText @Size(max = Ids.MAX_LENGTH) String> memberIds) {
    }

    record DetailsChange(@PlainText @Size(max = NAME_MAX_UTF16) String name,
                         @PlainText(multiline = true) @Size(max = TOPIC_MAX_UTF16) String topic) {
    }

    record MemberRequest(@NotBlank @PlainText @Size(max = Ids.MAX_LENGTH) String userId) {
    }

    /** OWNER is not a role one is given: there is one owner, and ownership passes only when the owner leaves. */
    record RoleChange(@NotNull @PlainText @Pattern(regexp = "ADMIN|MEMBER", message = "must be ADMIN or MEMBER") String role) {
    }

    record ReadMarker(@NotNull @PositiveOrZero Long upToSeq) {
    }

    record MuteSetting(@NotNull Boolean muted) {
    }

    record ConversationCreated(String conversationId) {
    }
}
