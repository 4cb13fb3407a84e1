package io.parley.command.conversation;

import static io.parley.command.testing.DomainFailures.code;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.parley.command.contact.BlockList;
import io.parley.command.contact.JdbcBlockList;
import io.parley.command.testing.CommandDatabase;
import io.parley.kernel.conversation.ConversationCreatedEvent;
import io.parley.kernel.conversation.ConversationIds;
import io.parley.kernel.conversation.ConversationMember;
import io.parley.kernel.conversation.ConversationType;
import io.parley.kernel.conversation.MemberRole;
import io.parley.kernel.error.DomainException;
import io.parley.kernel.error.ErrorCode;
import io.parley.kernel.message.AddReactionCommand;
import io.parley.kernel.message.DeleteMessageCommand;
import io.parley.kernel.message.DeletionScope;
import io.parley.kernel.message.EditMessageCommand;
import io.parley.kernel.message.MessageDeletedEvent;
import io.parley.kernel.message.MessageEditedEvent;
import io.parley.kernel.message.MessageHiddenEvent;
import io.parley.kernel.message.MessageSent;
import io.parley.kernel.message.MessageSentEvent;
import io.parley.kernel.message.ReactionAddedEvent;
import io.parley.kernel.message.ReactionRemovedEvent;
import io.parley.kernel.message.RemoveReactionCommand;
import io.parley.kernel.message.SendMessageCommand;
import io.parley.kernel.message.SendMessagesCommand;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Send, edit, delete and react, with the real message ledger: messages are arranged by sending them (given commands),
 * so the ledger holds them as it would in the service.
 */
class ConversationMessagesTest {

    private final MessageLedger ledger = new JdbcMessageLedger(CommandDatabase.dataSource());
    private final BlockList blockList = new JdbcBlockList(CommandDatabase.dataSource());
    private final String group = UUID.randomUUID().toString();
    private final String owner = UUID.randomUUID().toString();
    private final String admin = UUID.randomUUID().toString();
    private final String member = UUID.randomUUID().toString();
    private final String author = UUID.randomUUID().toString();
    private final String first = UUID.randomUUID().toString();

    private AggregateTestFixture<Conversation> fixture;
    private Instant now;

    @BeforeEach
    void setUp() {
        fixture = newFixture();
        now = fixture.currentTime();
    }

    private AggregateTestFixture<Conversation> newFixture() {
        AggregateTestFixture<Conversation> created = new AggregateTestFixture<>(Conversation.class);
        created.registerInjectableResource(ledger);
        created.registerInjectableResource(blockList);
        return created;
    }

    private ConversationCreatedEvent groupCreated() {
        return new ConversationCreatedEvent(group, ConversationType.GROUP, "Team", owner, List.of(
                new ConversationMember(owner, MemberRole.OWNER),
                new ConversationMember(admin, MemberRole.ADMIN),
                new ConversationMember(member, MemberRole.MEMBER),
                new ConversationMember(author, MemberRole.MEMBER)), now);
    }

    private SendMessageCommand send(String sender, String clientMessageId, String messageId) {
        return new SendMessageCommand(group, sender, clientMessageId, messageId, "hello", null, Set.of());
    }

    private SendMessageCommand sendFirst() {
        return send(author, "c-1", first);
    }

    private MessageSentEvent sentEvent(String messageId, long seq, String sender, String clientMessageId, String text) {
        return new MessageSentEvent(group, messageId, seq, sender, clientMessageId, text, null, Set.of(), now);
    }

    @Test
    void sendMessage_getsSeqOne_first() {
        fixture.given(groupCreated())
                .when(sendFirst())
                .expectResultMessagePayload(new MessageSent(first, 1, false))
                .expectEvents(sentEvent(first, 1, author, "c-1", "hello"));
    }

    @Test
    void sendMessage_getsTheNextSeq_withoutGaps() {
        String third = UUID.randomUUID().toString();

        fixture.given(groupCreated())
                .andGivenCommands(sendFirst(), send(member, "c-2", UUID.randomUUID().toString()))
                .when(send(author, "c-3", third))
                .expectResultMessagePayload(new MessageSent(third, 3, false))
                .expectEvents(sentEvent(third, 3, author, "c-3", "hello"));
    }

    @Test
    void sendMessage_isStoredTrimmed() {
        fixture.given(groupCreated())
                .when(new SendMessageCommand(group, author, "c-1", first, "\n  hello \t", null, Set.of()))
                .expectEvents(sentEvent(first, 1, author, "c-1", "hello"));
    }

    @Test
    void sendMessage_retriedWithTheSameClientMessageId_returnsTheOriginal_andAppendsNothing() {
        fixture.given(groupCreated())
                .andGivenCommands(sendFirst())
                .when(send(author, "c-1", UUID.randomUUID().toString()))
                .expectResultMessagePayload(new MessageSent(first, 1, true))
                .expectNoEvents();
    }

    @Test
    void sendMessage_retriedOnAnotherInstance_returnsTheOriginal_becauseTheLedgerIsShared() {
        fixture.given(groupCreated())
                .when(sendFirst())
                .expectSuccessfulHandlerExecution();

        // A second instance rebuilds the conversation from the events alone; it knows no client message ids.
        newFixture().given(groupCreated(), sentEvent(first, 1, author, "c-1", "hello"))
                .when(send(author, "c-1", UUID.randomUUID().toString()))
                .expectResultMessagePayload(new MessageSent(first, 1, true))
                .expectNoEvents();
    }

    @Test
    void sendMessages_sendsEachInOrder_inOneUnitOfWork_andARetryWithinTheBatchGetsTheFirstAnswer() {
        String second = UUID.randomUUID().toString();

        fixture.given(groupCreated())
                .when(new SendMessagesCommand(group, List.of(sendFirst(), send(member, "c-2", second),
                        send(author, "c-1", UUID.randomUUID().toString()))))
                .expectResultMessagePayload(List.of(new MessageSent(first, 1, false), new MessageSent(second, 2, false),
                        new MessageSent(first, 1, true)))
                .expectEvents(sentEvent(first, 1, author, "c-1", "hello"), sentEvent(second, 2, member, "c-2", "hello"));
    }

    @Test
    void sendMessages_isRefusedWhole_whenTheConversationRefusesOneOfThem() {
        String stranger = UUID.randomUUID().toString();

        fixture.given(groupCreated())
                .when(new SendMessagesCommand(group, List.of(sendFirst(), send(stranger, "c-2",
                        UUID.randomUUID().toString()))))
                .expectException(DomainException.class)
                .expectExceptionDetails(code(ErrorCode.CONVERSATION_NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void sendMessage_withAClientMessageIdAnotherSenderUsed_isANewMessage() {
        String second = UUID.randomUUID().toString();

        fixture.given(groupCreated())
                .andGivenCommands(sendFirst())
                .when(send(member, "c-1", second))
                .expectResultMessagePayload(new MessageSent(second, 2, false));
    }

    @Test
    void sendMessage_isRejected_whenTheClientMessageIdWasUsedInAnotherConversation() {
        ledger.record(new RecordedMessage(UUID.randomUUID().toString(), UUID.randomUUID().toString(), 1, author, "c-1", false));

        fixture.given(groupCreated())
                .when(sendFirst())
                .expectExceptionDetails(code(ErrorCode.CLIENT_MESSAGE_ID_REUSED));
    }

    @Test
    void sendMessage_isRejected_whenTheClientMessageIdIsMissing() {
        fixture.given(groupCreated())
                .when(send(author, " ", first))
                .expectExceptionDetails(code(ErrorCode.VALIDATION_FAILED));
    }

    @Test
    void sendMessage_isRejected_whenSenderIsNotMember() {
        fixture.given(groupCreated())
                .when(send(UUID.randomUUID().toString(), "c-1", first))
                .expectException(DomainException.class)
                .expectExceptionDetails(code(ErrorCode.CONVERSATION_NOT_FOUND));
    }

    @Test
    void sendMessage_isRejected_whenTheTextIsEmptyAfterTrimming() {
        fixture.given(groupCreated())
                .when(new SendMessageCommand(group, author, "c-1", first, " \n\t ", null, Set.of()))
                .expectExceptionDetails(code(ErrorCode.MESSAGE_TEXT_EMPTY));
    }

    @Test
    void sendMessage_isRejected_whenTheTextIsLongerThan4000Characters() {
        fixture.given(groupCreated())
                .when(new SendMessageCommand(group, author, "c-1", first, "x".repeat(4001), null, Set.of()))
                .expectExceptionDetails(code(ErrorCode.MESSAGE_TEXT_TOO_LONG));
    }

    @Test
    void sendMessage_asAReply_toAMessageOfTheConversation_isSent() {
        String reply = UUID.randomUUID().toString();

        fixture.given(groupCreated())
                .andGivenCommands(sendFirst())
                .when(new SendMessageCommand(group, member, "c-2", reply, "hi", first, Set.of()))
                .expectEvents(new MessageSentEvent(group, reply, 2, member, "c-2", "hi", first, Set.of(), now));
    }

    @Test
    void sendMessage_isRejected_whenTheReplyTargetIsUnknown() {
        fixture.given(groupCreated())
                .when(new SendMessageCommand(group, member, "c-2", first, "hi", UUID.randomUUID().toString(), Set.of()))
                .expectExceptionDetails(code(ErrorCode.INVALID_REPLY_TARGET));
    }

    @Test
    void sendMessage_isRejected_whenTheReplyTargetIsInAnotherConversation() {
        String elsewhere = UUID.randomUUID().toString();
        ledger.record(new RecordedMessage(UUID.randomUUID().toString(), elsewhere, 1, author, UUID.randomUUID().toString(), false));

        fixture.given(groupCreated())
                .when(new SendMessageCommand(group, member, "c-2", first, "hi", elsewhere, Set.of()))
                .expectExceptionDetails(code(ErrorCode.INVALID_REPLY_TARGET));
    }

    @Test
    void sendMessage_isRejected_whenTheReplyTargetWasDeleted() {
        fixture.given(groupCreated())
                .andGivenCommands(sendFirst(), new DeleteMessageCommand(group, author, first, DeletionScope.EVERYONE))
                .when(new SendMessageCommand(group, member, "c-2", UUID.randomUUID().toString(), "hi", first, Set.of()))
                .expectExceptionDetails(code(ErrorCode.INVALID_REPLY_TARGET));
    }

    @Test
    void sendMessage_mentioningMembers_isSent() {
        fixture.given(groupCreated())
                .when(new SendMessageCommand(group, author, "c-1", first, "@both", null, Set.of(member, admin)))
                .expectEvents(new MessageSentEvent(group, first, 1, author, "c-1", "@both", null, Set.of(admin, member), now));
    }

    @Test
    void sendMessage_isRejected_whenAMentionedUserIsNotAMember() {
        fixture.given(groupCreated())
                .when(new SendMessageCommand(group, author, "c-1", first, "@you", null,
                        Set.of(member, UUID.randomUUID().toString())))
                .expectExceptionDetails(code(ErrorCode.MENTION_NOT_MEMBER));
    }

    @Test
    void sendMessage_inADirectConversation_isRejected_whenTheRecipientBlockedTheSender() {
        String ada = UUID.randomUUID().toString();
        String bob = UUID.randomUUID().toString();
        String direct = ConversationIds.direct(ada, bob);
        blockList.block(bob, ada);

        fixture.given(new ConversationCreatedEvent(direct, ConversationType.DIRECT, null, ada, List.of(
                        new ConversationMember(ada, MemberRole.MEMBER), new ConversationMember(bob, MemberRole.MEMBER)), now))
                .when(new SendMessageCommand(direct, ada, "c-1", first, "hello?", null, Set.of()))
                .expectExceptionDetails(code(ErrorCode.BLOCKED));
    }

    @Test
    void editMessage_byItsAuthor_replacesTheText() {
        fixture.given(groupCreated())
                .andGivenCommands(sendFirst())
                .when(new EditMessageCommand(group, author, first, " hello, all "))
                .expectEvents(new MessageEditedEvent(group, first, 1, author, "hello, all", now));
    }

    @Test
    void editMessage_isRejected_whenTheEditorIsNotTheAuthor_evenTheOwner() {
        fixture.given(groupCreated())
                .andGivenCommands(sendFirst())
                .when(new EditMessageCommand(group, owner, first, "mine now"))
                .expectExceptionDetails(code(ErrorCode.NOT_MESSAGE_AUTHOR));
    }

    @Test
    void editMessage_isRejected_whenTheMessageIsUnknown() {
        fixture.given(groupCreated())
                .when(new EditMessageCommand(group, author, UUID.randomUUID().toString(), "text"))
                .expectExceptionDetails(code(ErrorCode.MESSAGE_NOT_FOUND));
    }

    @Test
    void editMessage_isRejected_whenTheMessageWasDeleted() {
        fixture.given(groupCreated())
                .andGivenCommands(sendFirst(), new DeleteMessageCommand(group, author, first, DeletionScope.EVERYONE))
                .when(new EditMessageCommand(group, author, first, "text"))
                .expectExceptionDetails(code(ErrorCode.MESSAGE_DELETED));
    }

    @Test
    void editMessage_isRejected_whenTheNewTextIsEmpty() {
        fixture.given(groupCreated())
                .andGivenCommands(sendFirst())
                .when(new EditMessageCommand(group, author, first, "   "))
                .expectExceptionDetails(code(ErrorCode.MESSAGE_TEXT_EMPTY));
    }

    @Test
    void deleteForEveryone_byTheAuthor_keepsTheSeq() {
        fixture.given(groupCreated())
                .andGivenCommands(sendFirst())
                .when(new DeleteMessageCommand(group, author, first, DeletionScope.EVERYONE))
                .expectEvents(new MessageDeletedEvent(group, first, 1, author, now));
    }

    @Test
    void deleteForEveryone_byAnAdmin_isAllowed() {
        fixture.given(groupCreated())
                .andGivenCommands(sendFirst())
                .when(new DeleteMessageCommand(group, admin, first, DeletionScope.EVERYONE))
                .expectEvents(new MessageDeletedEvent(group, first, 1, admin, now));
    }

    @Test
    void deleteForEveryone_byTheOwner_isAllowed() {
        fixture.given(groupCreated())
                .andGivenCommands(sendFirst())
                .when(new DeleteMessageCommand(group, owner, first, DeletionScope.EVERYONE))
                .expectEvents(new MessageDeletedEvent(group, first, 1, owner, now));
    }

    @Test
    void deleteForEveryone_isRejected_forAnotherPlainMember() {
        fixture.given(groupCreated())
                .andGivenCommands(sendFirst())
                .when(new DeleteMessageCommand(group, member, first, DeletionScope.EVERYONE))
                .expectExceptionDetails(code(ErrorCode.NOT_MESSAGE_AUTHOR));
    }

    @Test
    void deleteForEveryone_again_appendsNothing() {
        fixture.given(groupCreated())
                .andGivenCommands(sendFirst(), new DeleteMessageCommand(group, author, first, DeletionScope.EVERYONE))
                .when(new DeleteMessageCommand(group, admin, first, DeletionScope.EVERYONE))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void deleteForMe_byAnyMember_hidesTheMessageForThatMember() {
        fixture.given(groupCreated())
                .andGivenCommands(sendFirst())
                .when(new DeleteMessageCommand(group, member, first, DeletionScope.ME))
                .expectEvents(new MessageHiddenEvent(group, first, 1, member, now));
    }

    @Test
    void deleteMessage_isRejected_whenTheMessageIsUnknown() {
        fixture.given(groupCreated())
                .when(new DeleteMessageCommand(group, author, UUID.randomUUID().toString(), DeletionScope.ME))
                .expectExceptionDetails(code(ErrorCode.MESSAGE_NOT_FOUND));
    }

    @Test
    void addReaction_withASingleEmoji_isAdded() {
        fixture.given(groupCreated())
                .andGivenCommands(sendFirst())
                .when(new AddReactionCommand(group, member, first, "👍🏽"))
                .expectEvents(new ReactionAddedEvent(group, first, 1, member, "👍🏽", now));
    }

    @Test
    void addReaction_twiceTheSameWay_appendsNothing() {
        fixture.given(groupCreated())
                .andGivenCommands(sendFirst(), new AddReactionCommand(group, member, first, "🎉"))
                .when(new AddReactionCommand(group, member, first, "🎉"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @ParameterizedTest
    @ValueSource(strings = {"👍👍", "ok", "❤", ""})
    void addReaction_isRejected_whenItIsNotASingleEmoji(String emoji) {
        fixture.given(groupCreated())
                .andGivenCommands(sendFirst())
                .when(new AddReactionCommand(group, member, first, emoji))
                .expectExceptionDetails(code(ErrorCode.INVALID_REACTION));
    }

    @Test
    void addReaction_isRejected_onADeletedMessage() {
        fixture.given(groupCreated())
                .andGivenCommands(sendFirst(), new DeleteMessageCommand(group, author, first, DeletionScope.EVERYONE))
                .when(new AddReactionCommand(group, member, first, "👍"))
                .expectExceptionDetails(code(ErrorCode.MESSAGE_DELETED));
    }

    @Test
    void addReaction_isRejected_whenTheMessageIsUnknown() {
        fixture.given(groupCreated())
                .when(new AddReactionCommand(group, member, UUID.randomUUID().toString(), "👍"))
                .expectExceptionDetails(code(ErrorCode.MESSAGE_NOT_FOUND));
    }

    @Test
    void removeReaction_removesTheCallersReaction() {
        fixture.given(groupCreated())
                .andGivenCommands(sendFirst(), new AddReactionCommand(group, member, first, "🎉"))
                .when(new RemoveReactionCommand(group, member, first, "🎉"))
                .expectEvents(new ReactionRemovedEvent(group, first, 1, member, "🎉", now));
    }

    @Test
    void removeReaction_thatIsNotThere_appendsNothing() {
        fixture.given(groupCreated())
                .andGivenCommands(sendFirst(), new AddReactionCommand(group, admin, first, "🎉"))
                .when(new RemoveReactionCommand(group, member, first, "🎉"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }
}
