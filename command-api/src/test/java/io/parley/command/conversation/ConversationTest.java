package io.parley.command.conversation;

import static io.parley.command.testing.DomainFailures.code;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import io.parley.command.contact.BlockList;
import io.parley.command.contact.JdbcBlockList;
import io.parley.command.testing.CommandDatabase;
import io.parley.kernel.conversation.AddMemberCommand;
import io.parley.kernel.conversation.ChangeConversationDetailsCommand;
import io.parley.kernel.conversation.ChangeMemberRoleCommand;
import io.parley.kernel.conversation.ConversationCreatedEvent;
import io.parley.kernel.conversation.ConversationDetailsChangedEvent;
import io.parley.kernel.conversation.ConversationIds;
import io.parley.kernel.conversation.ConversationMember;
import io.parley.kernel.conversation.ConversationMutedEvent;
import io.parley.kernel.conversation.ConversationReadEvent;
import io.parley.kernel.conversation.ConversationType;
import io.parley.kernel.conversation.CreateGroupCommand;
import io.parley.kernel.conversation.DirectConversationOpened;
import io.parley.kernel.conversation.MarkConversationReadCommand;
import io.parley.kernel.conversation.MemberAddedEvent;
import io.parley.kernel.conversation.MemberRemovedEvent;
import io.parley.kernel.conversation.MemberRole;
import io.parley.kernel.conversation.MemberRoleChangedEvent;
import io.parley.kernel.conversation.MuteConversationCommand;
import io.parley.kernel.conversation.OpenDirectConversationCommand;
import io.parley.kernel.conversation.RemoveMemberCommand;
import io.parley.kernel.error.DomainException;
import io.parley.kernel.error.ErrorCode;
import io.parley.kernel.message.AddReactionCommand;
import io.parley.kernel.message.DeleteMessageCommand;
import io.parley.kernel.message.DeletionScope;
import io.parley.kernel.message.EditMessageCommand;
import io.parley.kernel.message.MessageSentEvent;
import io.parley.kernel.message.RemoveReactionCommand;
import io.parley.kernel.message.SendMessageCommand;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Membership, roles, details, read markers and muting; messages are in {@link ConversationMessagesTest}. */
class ConversationTest {

    private static final String GROUP = UUID.randomUUID().toString();
    private static final String OWNER = UUID.randomUUID().toString();
    private static final String ADMIN = UUID.randomUUID().toString();
    private static final String MEMBER = UUID.randomUUID().toString();
    private static final String OUTSIDER = UUID.randomUUID().toString();

    private final BlockList blockList = new JdbcBlockList(CommandDatabase.dataSource());
    private final String ada = UUID.randomUUID().toString();
    private final String bob = UUID.randomUUID().toString();
    private final String direct = ConversationIds.direct(ada, bob);

    private AggregateTestFixture<Conversation> fixture;
    private Instant now;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Conversation.class);
        fixture.registerInjectableResource(new JdbcMessageLedger(CommandDatabase.dataSource()));
        fixture.registerInjectableResource(blockList);
        now = fixture.currentTime();
    }

    // Owner, member and admin joined in this order.
    private ConversationCreatedEvent groupCreated() {
        return new ConversationCreatedEvent(GROUP, ConversationType.GROUP, "Team", OWNER, List.of(
                new ConversationMember(OWNER, MemberRole.OWNER),
                new ConversationMember(MEMBER, MemberRole.MEMBER),
                new ConversationMember(ADMIN, MemberRole.ADMIN)), now);
    }

    private ConversationCreatedEvent directCreated() {
        return new ConversationCreatedEvent(direct, ConversationType.DIRECT, null, ada, List.of(
                new ConversationMember(ada, MemberRole.MEMBER), new ConversationMember(bob, MemberRole.MEMBER)), now);
    }

    private MessageSentEvent sent(long seq) {
        return new MessageSentEvent(GROUP, UUID.randomUUID().toString(), seq, MEMBER, UUID.randomUUID().toString(),
                "text", null, Set.of(), now);
    }

    @Test
    void createGroup_makesTheCreatorOwner_andTheOthersMembers() {
        fixture.givenNoPriorActivity()
                .when(new CreateGroupCommand(GROUP, OWNER, "  Team ", Set.of(MEMBER, OWNER)))
                .expectEvents(new ConversationCreatedEvent(GROUP, ConversationType.GROUP, "Team", OWNER, List.of(
                        new ConversationMember(OWNER, MemberRole.OWNER),
                        new ConversationMember(MEMBER, MemberRole.MEMBER)), now));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 101})
    void createGroup_isRejected_whenTheNameIsBlankOrLongerThan100Characters(int length) {
        fixture.givenNoPriorActivity()
                .when(new CreateGroupCommand(GROUP, OWNER, " " + "n".repeat(length) + " ", Set.of()))
                .expectException(DomainException.class)
                .expectExceptionDetails(code(ErrorCode.INVALID_CONVERSATION_NAME));
    }

    @Test
    void openDirect_createsTheConversation_withTheTwoAsMembers() {
        fixture.givenNoPriorActivity()
                .when(OpenDirectConversationCommand.between(ada, bob))
                .expectResultMessagePayload(new DirectConversationOpened(direct, true))
                .expectEvents(directCreated());
    }

    @Test
    void openDirect_again_byEitherUser_answersTheSameId_andAppendsNothing() {
        fixture.given(directCreated())
                .when(OpenDirectConversationCommand.between(bob, ada))
                .expectResultMessagePayload(new DirectConversationOpened(direct, false))
                .expectNoEvents();
    }

    @Test
    void openDirect_isRejected_withOneself() {
        fixture.givenNoPriorActivity()
                .when(OpenDirectConversationCommand.between(ada, ada))
                .expectExceptionDetails(code(ErrorCode.CANNOT_TARGET_SELF));
    }

    @Test
    void openDirect_isRejected_whenTheIdIsNotThePairs() {
        fixture.givenNoPriorActivity()
                .when(new OpenDirectConversationCommand(UUID.randomUUID().toString(), ada, bob))
                .expectExceptionDetails(code(ErrorCode.VALIDATION_FAILED));
    }

    @Test
    void openDirect_isRejected_whenTheOtherBlockedTheInitiator() {
        blockList.block(bob, ada);

        fixture.givenNoPriorActivity()
                .when(OpenDirectConversationCommand.between(ada, bob))
                .expectExceptionDetails(code(ErrorCode.BLOCKED));
    }

    @Test
    void openDirect_ofAnExistingConversation_isRejected_whenTheInitiatorBlockedTheOther() {
        blockList.block(ada, bob);

        fixture.given(directCreated())
                .when(OpenDirectConversationCommand.between(ada, bob))
                .expectExceptionDetails(code(ErrorCode.BLOCKED));
    }

    @Test
    void changeDetails_byAnAdmin_renamesAndSetsTheTopic() {
        fixture.given(groupCreated())
                .when(new ChangeConversationDetailsCommand(GROUP, ADMIN, " Crew ", " Weekly planning "))
                .expectEvents(new ConversationDetailsChangedEvent(GROUP, ADMIN, "Crew", "Weekly planning", now));
    }

    @Test
    void changeDetails_withAnEmptyTopic_clearsIt_andKeepsTheName() {
        fixture.given(groupCreated())
                .when(new ChangeConversationDetailsCommand(GROUP, OWNER, null, ""))
                .expectEvents(new ConversationDetailsChangedEvent(GROUP, OWNER, null, "", now));
    }

    @Test
    void changeDetails_withNothingToChange_appendsNothing() {
        fixture.given(groupCreated())
                .when(new ChangeConversationDetailsCommand(GROUP, OWNER, null, null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void changeDetails_isRejected_forAPlainMember() {
        fixture.given(groupCreated())
                .when(new ChangeConversationDetailsCommand(GROUP, MEMBER, "Mine", null))
                .expectExceptionDetails(code(ErrorCode.INSUFFICIENT_ROLE));
    }

    @Test
    void changeDetails_isRejected_whenTheTopicIsLongerThan500Characters() {
        fixture.given(groupCreated())
                .when(new ChangeConversationDetailsCommand(GROUP, OWNER, null, "t".repeat(501)))
                .expectExceptionDetails(code(ErrorCode.INVALID_TOPIC));
    }

    @Test
    void changeDetails_isRejected_inADirectConversation() {
        fixture.given(directCreated())
                .when(new ChangeConversationDetailsCommand(direct, ada, "Us", null))
                .expectExceptionDetails(code(ErrorCode.NOT_ALLOWED_IN_DIRECT_CONVERSATION));
    }

    @Test
    void addMember_byTheOwner_addsAMember_whoseReadMarkerStartsAtTheLastSeq() {
        fixture.given(groupCreated(), sent(1), sent(2))
                .when(new AddMemberCommand(GROUP, OWNER, OUTSIDER))
                .expectEvents(new MemberAddedEvent(GROUP, OUTSIDER, MemberRole.MEMBER, OWNER, 2, now));
    }

    @Test
    void addMember_byAnAdmin_addsAMember() {
        fixture.given(groupCreated())
                .when(new AddMemberCommand(GROUP, ADMIN, OUTSIDER))
                .expectEvents(new MemberAddedEvent(GROUP, OUTSIDER, MemberRole.MEMBER, ADMIN, 0, now));
    }

    @Test
    void addMember_isRejected_forAPlainMember() {
        fixture.given(groupCreated())
                .when(new AddMemberCommand(GROUP, MEMBER, OUTSIDER))
                .expectExceptionDetails(code(ErrorCode.INSUFFICIENT_ROLE));
    }

    @Test
    void addMember_isRejected_whenAlreadyAMember() {
        fixture.given(groupCreated())
                .when(new AddMemberCommand(GROUP, OWNER, MEMBER))
                .expectExceptionDetails(code(ErrorCode.ALREADY_MEMBER));
    }

    @Test
    void addMember_isRejected_whenTheUserBlockedTheActor() {
        String blocker = UUID.randomUUID().toString();
        blockList.block(blocker, OWNER);

        fixture.given(groupCreated())
                .when(new AddMemberCommand(GROUP, OWNER, blocker))
                .expectExceptionDetails(code(ErrorCode.BLOCKED))
                .expectNoEvents();
    }

    @Test
    void addMember_isRejected_whenTheActorBlockedTheUser() {
        String blocked = UUID.randomUUID().toString();
        blockList.block(ADMIN, blocked);

        fixture.given(groupCreated())
                .when(new AddMemberCommand(GROUP, ADMIN, blocked))
                .expectExceptionDetails(code(ErrorCode.BLOCKED))
                .expectNoEvents();
    }

    @Test
    void addMember_addsAUser_whoBlockedAnotherMember_butNotTheActor() {
        String user = UUID.randomUUID().toString();
        blockList.block(user, MEMBER);

        fixture.given(groupCreated())
                .when(new AddMemberCommand(GROUP, OWNER, user))
                .expectEvents(new MemberAddedEvent(GROUP, user, MemberRole.MEMBER, OWNER, 0, now));
    }

    @Test
    void createGroup_isRejected_whenTheCreatorAndAnInvitedUserBlockEitherWay() {
        String creator = UUID.randomUUID().toString();
        String blocker = UUID.randomUUID().toString();
        String blocked = UUID.randomUUID().toString();
        blockList.block(blocker, creator);
        blockList.block(creator, blocked);

        fixture.givenNoPriorActivity()
                .when(new CreateGroupCommand(GROUP, creator, "Team", Set.of(MEMBER, blocker)))
                .expectExceptionDetails(code(ErrorCode.BLOCKED))
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new CreateGroupCommand(GROUP, creator, "Team", Set.of(blocked)))
                .expectExceptionDetails(code(ErrorCode.BLOCKED))
                .expectNoEvents();
    }

    @Test
    void createGroup_isAllowed_whenOnlyTwoInvitedUsersBlockEachOther() {
        String creator = UUID.randomUUID().toString();
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        blockList.block(first, second);

        fixture.givenNoPriorActivity()
                .when(new CreateGroupCommand(GROUP, creator, "Team", Set.of(first, second)))
                .expectEvents(new ConversationCreatedEvent(GROUP, ConversationType.GROUP, "Team", creator, List.of(
                        new ConversationMember(creator, MemberRole.OWNER),
                        new ConversationMember(Stream.of(first, second).sorted().findFirst().orElseThrow(),
                                MemberRole.MEMBER),
                        new ConversationMember(Stream.of(first, second).sorted().skip(1).findFirst().orElseThrow(),
                                MemberRole.MEMBER)), now));
    }

    @Test
    void addMember_isRejected_inADirectConversation() {
        fixture.given(directCreated())
                .when(new AddMemberCommand(direct, ada, OUTSIDER))
                .expectExceptionDetails(code(ErrorCode.NOT_ALLOWED_IN_DIRECT_CONVERSATION));
    }

    @Test
    void removeMember_byAnAdmin_removesAPlainMember() {
        fixture.given(groupCreated())
                .when(new RemoveMemberCommand(GROUP, ADMIN, MEMBER))
                .expectEvents(new MemberRemovedEvent(GROUP, MEMBER, ADMIN, false, now));
    }

    @Test
    void removeMember_byTheOwner_removesAnAdmin() {
        fixture.given(groupCreated())
                .when(new RemoveMemberCommand(GROUP, OWNER, ADMIN))
                .expectEvents(new MemberRemovedEvent(GROUP, ADMIN, OWNER, false, now));
    }

    @Test
    void removeMember_isRejected_whenAnAdminRemovesTheOwner() {
        fixture.given(groupCreated())
                .when(new RemoveMemberCommand(GROUP, ADMIN, OWNER))
                .expectExceptionDetails(code(ErrorCode.INSUFFICIENT_ROLE));
    }

    @Test
    void removeMember_isRejected_forAPlainMember() {
        fixture.given(groupCreated())
                .when(new RemoveMemberCommand(GROUP, MEMBER, ADMIN))
                .expectExceptionDetails(code(ErrorCode.INSUFFICIENT_ROLE));
    }

    @Test
    void removeMember_isRejected_whenTheUserIsNotAMember() {
        fixture.given(groupCreated())
                .when(new RemoveMemberCommand(GROUP, OWNER, OUTSIDER))
                .expectExceptionDetails(code(ErrorCode.MEMBER_NOT_FOUND));
    }

    @Test
    void removeMember_ofOneself_isLeaving_forAPlainMember() {
        fixture.given(groupCreated())
                .when(new RemoveMemberCommand(GROUP, MEMBER, MEMBER))
                .expectEvents(new MemberRemovedEvent(GROUP, MEMBER, MEMBER, true, now));
    }

    @Test
    void leave_byTheOwner_passesOwnershipToTheLongestStandingAdmin() {
        fixture.given(groupCreated())
                .when(new RemoveMemberCommand(GROUP, OWNER, OWNER))
                .expectEvents(new MemberRemovedEvent(GROUP, OWNER, OWNER, true, now),
                        new MemberRoleChangedEvent(GROUP, ADMIN, MemberRole.OWNER, OWNER, now));
    }

    @Test
    void leave_byTheOwner_withoutAdmins_passesOwnershipToTheLongestStandingMember() {
        fixture.given(groupCreated(), new MemberRemovedEvent(GROUP, ADMIN, ADMIN, true, now),
                        new MemberAddedEvent(GROUP, OUTSIDER, MemberRole.MEMBER, OWNER, 0, now))
                .when(new RemoveMemberCommand(GROUP, OWNER, OWNER))
                .expectEvents(new MemberRemovedEvent(GROUP, OWNER, OWNER, true, now),
                        new MemberRoleChangedEvent(GROUP, MEMBER, MemberRole.OWNER, OWNER, now));
    }

    @Test
    void leave_byTheLastMember_leavesNoOwner() {
        fixture.given(new ConversationCreatedEvent(GROUP, ConversationType.GROUP, "Solo", OWNER,
                        List.of(new ConversationMember(OWNER, MemberRole.OWNER)), now))
                .when(new RemoveMemberCommand(GROUP, OWNER, OWNER))
                .expectEvents(new MemberRemovedEvent(GROUP, OWNER, OWNER, true, now));
    }

    @Test
    void leave_isRejected_inADirectConversation() {
        fixture.given(directCreated())
                .when(new RemoveMemberCommand(direct, ada, ada))
                .expectExceptionDetails(code(ErrorCode.NOT_ALLOWED_IN_DIRECT_CONVERSATION));
    }

    @Test
    void formerMember_getsConversationNotFound() {
        fixture.given(groupCreated(), new MemberRemovedEvent(GROUP, MEMBER, MEMBER, true, now))
                .when(new MuteConversationCommand(GROUP, MEMBER, true))
                .expectExceptionDetails(code(ErrorCode.CONVERSATION_NOT_FOUND));
    }

    @Test
    void changeRole_byTheOwner_makesAMemberAdmin() {
        fixture.given(groupCreated())
                .when(new ChangeMemberRoleCommand(GROUP, OWNER, MEMBER, MemberRole.ADMIN))
                .expectEvents(new MemberRoleChangedEvent(GROUP, MEMBER, MemberRole.ADMIN, OWNER, now));
    }

    @Test
    void changeRole_toTheRoleItHas_appendsNothing() {
        fixture.given(groupCreated())
                .when(new ChangeMemberRoleCommand(GROUP, OWNER, ADMIN, MemberRole.ADMIN))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void changeRole_isRejected_forAnAdmin() {
        fixture.given(groupCreated())
                .when(new ChangeMemberRoleCommand(GROUP, ADMIN, MEMBER, MemberRole.ADMIN))
                .expectExceptionDetails(code(ErrorCode.INSUFFICIENT_ROLE));
    }

    @Test
    void changeRole_isRejected_whenItWouldMakeASecondOwner() {
        fixture.given(groupCreated())
                .when(new ChangeMemberRoleCommand(GROUP, OWNER, ADMIN, MemberRole.OWNER))
                .expectExceptionDetails(code(ErrorCode.INVALID_ROLE_CHANGE));
    }

    @Test
    void changeRole_isRejected_forTheOwnersOwnRole() {
        fixture.given(groupCreated())
                .when(new ChangeMemberRoleCommand(GROUP, OWNER, OWNER, MemberRole.MEMBER))
                .expectExceptionDetails(code(ErrorCode.INVALID_ROLE_CHANGE));
    }

    @Test
    void changeRole_isRejected_whenTheUserIsNotAMember() {
        fixture.given(groupCreated())
                .when(new ChangeMemberRoleCommand(GROUP, OWNER, OUTSIDER, MemberRole.ADMIN))
                .expectExceptionDetails(code(ErrorCode.MEMBER_NOT_FOUND));
    }

    @Test
    void mute_byAMember_mutesForThatMember() {
        fixture.given(groupCreated())
                .when(new MuteConversationCommand(GROUP, MEMBER, true))
                .expectEvents(new ConversationMutedEvent(GROUP, MEMBER, true, now));
    }

    @Test
    void markRead_movesTheReadMarker_upToTheLastSeq() {
        fixture.given(groupCreated(), sent(1), sent(2))
                .when(new MarkConversationReadCommand(GROUP, ADMIN, 2))
                .expectEvents(new ConversationReadEvent(GROUP, ADMIN, 2, now));
    }

    @ParameterizedTest
    @ValueSource(longs = {-1, 3})
    void markRead_isRejected_whenUpToSeqIsNegativeOrBeyondTheLastSeq(long upToSeq) {
        fixture.given(groupCreated(), sent(1), sent(2))
                .when(new MarkConversationReadCommand(GROUP, ADMIN, upToSeq))
                .expectExceptionDetails(code(ErrorCode.SEQ_OUT_OF_RANGE));
    }

    @Test
    void markRead_backwards_appendsNothing() {
        fixture.given(groupCreated(), sent(1), sent(2), new ConversationReadEvent(GROUP, ADMIN, 2, now))
                .when(new MarkConversationReadCommand(GROUP, ADMIN, 1))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    // Even with invalid input: the membership check comes first, so nothing tells an outsider the id exists.
    static Stream<Object> commandsOfAnOutsider() {
        String message = UUID.randomUUID().toString();
        return Stream.of(
                new ChangeConversationDetailsCommand(GROUP, OUTSIDER, "", null),
                new AddMemberCommand(GROUP, OUTSIDER, OUTSIDER),
                new RemoveMemberCommand(GROUP, OUTSIDER, MEMBER),
                new RemoveMemberCommand(GROUP, OUTSIDER, OUTSIDER),
                new ChangeMemberRoleCommand(GROUP, OUTSIDER, MEMBER, MemberRole.OWNER),
                new MuteConversationCommand(GROUP, OUTSIDER, true),
                new MarkConversationReadCommand(GROUP, OUTSIDER, 99),
                new SendMessageCommand(GROUP, OUTSIDER, "c1", message, "", null, Set.of()),
                new EditMessageCommand(GROUP, OUTSIDER, message, "x"),
                new DeleteMessageCommand(GROUP, OUTSIDER, message, DeletionScope.EVERYONE),
                new DeleteMessageCommand(GROUP, OUTSIDER, message, DeletionScope.ME),
                new AddReactionCommand(GROUP, OUTSIDER, message, "not an emoji"),
                new RemoveReactionCommand(GROUP, OUTSIDER, message, "👍"));
    }

    @ParameterizedTest
    @MethodSource("commandsOfAnOutsider")
    void everyCommand_ofANonMember_getsConversationNotFound(Object command) {
        fixture.given(groupCreated())
                .when(command)
                .expectException(DomainException.class)
                .expectExceptionDetails(code(ErrorCode.CONVERSATION_NOT_FOUND));
    }
}
