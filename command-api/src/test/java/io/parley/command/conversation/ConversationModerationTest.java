package io.parley.command.conversation;

import static io.parley.command.testing.DomainFailures.code;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.parley.command.contact.BlockList;
import io.parley.command.contact.JdbcBlockList;
import io.parley.command.testing.CommandDatabase;
import io.parley.kernel.conversation.AddMemberCommand;
import io.parley.kernel.conversation.ArchiveConversationCommand;
import io.parley.kernel.conversation.ChangeConversationDetailsCommand;
import io.parley.kernel.conversation.ChangeMemberRoleCommand;
import io.parley.kernel.conversation.ConversationArchivedEvent;
import io.parley.kernel.conversation.ConversationCreatedEvent;
import io.parley.kernel.conversation.ConversationMember;
import io.parley.kernel.conversation.ConversationReadEvent;
import io.parley.kernel.conversation.ConversationType;
import io.parley.kernel.conversation.MarkConversationReadCommand;
import io.parley.kernel.conversation.MemberRemovedEvent;
import io.parley.kernel.conversation.MemberRole;
import io.parley.kernel.conversation.RemoveMemberCommand;
import io.parley.kernel.error.DomainException;
import io.parley.kernel.error.ErrorCode;
import io.parley.kernel.message.AddReactionCommand;
import io.parley.kernel.message.DeleteMessageCommand;
import io.parley.kernel.message.DeletionScope;
import io.parley.kernel.message.EditMessageCommand;
import io.parley.kernel.message.MessageRemovedEvent;
import io.parley.kernel.message.MessageSent;
import io.parley.kernel.message.RemoveMessageCommand;
import io.parley.kernel.message.RemoveReactionCommand;
import io.parley.kernel.message.SendMessageCommand;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A service ADMIN's moderation of a conversation: removing any message, archiving it. */
class ConversationModerationTest {

    private final MessageLedger ledger = new JdbcMessageLedger(CommandDatabase.dataSource());
    private final BlockList blockList = new JdbcBlockList(CommandDatabase.dataSource());
    private final String group = UUID.randomUUID().toString();
    private final String owner = UUID.randomUUID().toString();
    private final String member = UUID.randomUUID().toString();
    private final String moderator = UUID.randomUUID().toString();
    private final String first = UUID.randomUUID().toString();

    private AggregateTestFixture<Conversation> fixture;
    private Instant now;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Conversation.class);
        fixture.registerInjectableResource(ledger);
        fixture.registerInjectableResource(blockList);
        now = fixture.currentTime();
    }

    private ConversationCreatedEvent groupCreated() {
        return new ConversationCreatedEvent(group, ConversationType.GROUP, "Team", owner, List.of(
                new ConversationMember(owner, MemberRole.OWNER),
                new ConversationMember(member, MemberRole.MEMBER)), now);
    }

    private SendMessageCommand send(String clientMessageId, String messageId) {
        return new SendMessageCommand(group, member, clientMessageId, messageId, "hello", null, Set.of());
    }

    @Test
    void removeMessage_byANonMember_appliesMessageRemoved_andMarksItDeletedInTheLedger() {
        fixture.given(groupCreated())
                .andGivenCommands(send("c-1", first))
                .when(new RemoveMessageCommand(group, moderator, first))
                .expectEvents(new MessageRemovedEvent(group, first, 1, moderator, now));

        assertThat(ledger.find(group, first)).hasValueSatisfying(message -> assertThat(message.deleted()).isTrue());
    }

    @Test
    void removeMessage_changesNothing_whenTheMessageWasDeletedAlready() {
        fixture.given(groupCreated())
                .andGivenCommands(send("c-1", first), new DeleteMessageCommand(group, member, first, DeletionScope.EVERYONE))
                .when(new RemoveMessageCommand(group, moderator, first))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void removeMessage_isRejected_forAMessageOfAnotherConversation() {
        fixture.given(groupCreated())
                .when(new RemoveMessageCommand(group, moderator, UUID.randomUUID().toString()))
                .expectException(DomainException.class)
                .expectExceptionDetails(code(ErrorCode.MESSAGE_NOT_FOUND));
    }

    @Test
    void archive_appliesConversationArchived_once() {
        fixture.given(groupCreated())
                .when(new ArchiveConversationCommand(group, moderator))
                .expectEvents(new ConversationArchivedEvent(group, moderator, now));
        fixture.given(groupCreated(), new ConversationArchivedEvent(group, moderator, now))
                .when(new ArchiveConversationCommand(group, moderator))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    private Object write(String kind) {
        return switch (kind) {
            case "send" -> send("c-2", UUID.randomUUID().toString());
            case "edit" -> new EditMessageCommand(group, member, first, "changed");
            case "react" -> new AddReactionCommand(group, member, first, "🎉");
            case "unreact" -> new RemoveReactionCommand(group, member, first, "🎉");
            case "add member" -> new AddMemberCommand(group, owner, moderator);
            case "rename" -> new ChangeConversationDetailsCommand(group, owner, "New name", null);
            case "change role" -> new ChangeMemberRoleCommand(group, owner, member, MemberRole.ADMIN);
            default -> throw new IllegalArgumentException(kind);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"send", "edit", "react", "unreact", "add member", "rename", "change role"})
    void writes_areRejected_whenTheConversationIsArchived(String kind) {
        fixture.given(groupCreated())
                .andGivenCommands(send("c-1", first), new ArchiveConversationCommand(group, moderator))
                .when(write(kind))
                .expectException(DomainException.class)
                .expectExceptionDetails(code(ErrorCode.CONVERSATION_ARCHIVED))
                .expectNoEvents();
    }

    @Test
    void send_retriedAfterTheArchive_stillAnswersTheOriginal() {
        fixture.given(groupCreated())
                .andGivenCommands(send("c-1", first), new ArchiveConversationCommand(group, moderator))
                .when(send("c-1", UUID.randomUUID().toString()))
                .expectResultMessagePayload(new MessageSent(first, 1, true))
                .expectNoEvents();
    }

    @Test
    void readingAndLeaving_stillWork_whenTheConversationIsArchived() {
        fixture.given(groupCreated())
                .andGivenCommands(send("c-1", first), new ArchiveConversationCommand(group, moderator))
                .when(new MarkConversationReadCommand(group, owner, 1))
                .expectEvents(new ConversationReadEvent(group, owner, 1, now));
        fixture.given(groupCreated(), new ConversationArchivedEvent(group, moderator, now))
                .when(new RemoveMemberCommand(group, member, member))
                .expectEvents(new MemberRemovedEvent(group, member, member, true, now));
    }

    @Test
    void removeMessage_stillWorks_whenTheConversationIsArchived() {
        fixture.given(groupCreated())
                .andGivenCommands(send("c-1", first), new ArchiveConversationCommand(group, moderator))
                .when(new RemoveMessageCommand(group, moderator, first))
                .expectEvents(new MessageRemovedEvent(group, first, 1, moderator, now));
    }
}
