package io.parley.command.conversation.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.parley.kernel.conversation.ConversationCreatedEvent;
import io.parley.kernel.conversation.ConversationDetailsChangedEvent;
import io.parley.kernel.conversation.ConversationIds;
import io.parley.kernel.conversation.ConversationMember;
import io.parley.kernel.conversation.ConversationMutedEvent;
import io.parley.kernel.conversation.ConversationReadEvent;
import io.parley.kernel.conversation.ConversationType;
import io.parley.kernel.conversation.MemberAddedEvent;
import io.parley.kernel.conversation.MemberRemovedEvent;
import io.parley.kernel.conversation.MemberRole;
import io.parley.kernel.conversation.MemberRoleChangedEvent;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

/** Groups and direct conversations over HTTP: statuses, X-Position, and the events that landed. */
class ConversationsIT extends ConversationIntegrationTest {

    @Test
    void group_livesThroughCreateAddRenameRolesRemoveAndLeave() {
        Actor owner = signUp("owner");
        Actor ada = signUp("ada");
        Actor bob = signUp("bob");
        Actor cyd = signUp("cyd");

        Response created = createGroupResponse(owner, " Team ", ada, bob);
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("conversationId").asString();
        assertThat(created.position()).isPositive();
        assertThat(events(id).getFirst()).isInstanceOfSatisfying(ConversationCreatedEvent.class, event -> {
            assertThat(event.type()).isEqualTo(ConversationType.GROUP);
            assertThat(event.name()).isEqualTo("Team");
            assertThat(event.creatorId()).isEqualTo(owner.userId());
            assertThat(event.members()).containsExactlyInAnyOrder(
                    new ConversationMember(owner.userId(), MemberRole.OWNER),
                    new ConversationMember(ada.userId(), MemberRole.MEMBER),
                    new ConversationMember(bob.userId(), MemberRole.MEMBER));
        });

        Response added = post(conversation(id) + "/members", Map.of("userId", cyd.userId()), owner.token());
        Response addedAgain = post(conversation(id) + "/members", Map.of("userId", cyd.userId()), owner.token());
        assertThat(added.status()).isEqualTo(204);
        assertThat(added.position()).isGreaterThanOrEqualTo(created.position());
        assertThat(addedAgain.status()).isEqualTo(409);
        assertThat(addedAgain.code()).isEqualTo("ALREADY_MEMBER");

        Response renamed = callAs(HttpMethod.PATCH, conversation(id), Map.of("name", "Team 2", "topic", " Plans "), owner);
        Response renamedByMember = callAs(HttpMethod.PATCH, conversation(id), Map.of("name", "Mine"), ada);
        assertThat(renamed.status()).isEqualTo(204);
        renamed.position();
        assertThat(renamedByMember.status()).isEqualTo(403);
        assertThat(renamedByMember.code()).isEqualTo("INSUFFICIENT_ROLE");

        Response promoted = callAs(HttpMethod.PUT, conversation(id) + "/members/" + ada.userId() + "/role",
                Map.of("role", "ADMIN"), owner);
        Response promotedByAdmin = callAs(HttpMethod.PUT, conversation(id) + "/members/" + bob.userId() + "/role",
                Map.of("role", "ADMIN"), ada);
        assertThat(promoted.status()).isEqualTo(204);
        promoted.position();
        assertThat(promotedByAdmin.status()).isEqualTo(403);
        assertThat(promotedByAdmin.code()).isEqualTo("INSUFFICIENT_ROLE");

        Response topicClearedByAdmin = callAs(HttpMethod.PATCH, conversation(id), Map.of("topic", ""), ada);
        Response bobRemovedByAdmin = callAs(HttpMethod.DELETE, conversation(id) + "/members/" + bob.userId(), null, ada);
        Response cydLeft = callAs(HttpMethod.DELETE, conversation(id) + "/members/" + cyd.userId(), null, cyd);
        assertThat(List.of(topicClearedByAdmin, bobRemovedByAdmin, cydLeft))
                .allSatisfy(response -> assertThat(response.status()).as(response.toString()).isEqualTo(204));
        assertThat(send(cyd, id, "after-leaving", "hello?").code()).isEqualTo("CONVERSATION_NOT_FOUND");

        Response ownerLeft = callAs(HttpMethod.DELETE, conversation(id) + "/members/" + owner.userId(), null, owner);
        assertThat(ownerLeft.status()).isEqualTo(204);
        assertThat(callAs(HttpMethod.PATCH, conversation(id), Map.of("name", "Back"), owner).status()).isEqualTo(404);
        // ada, the longest-standing admin, owns it now: she can change roles
        assertThat(post(conversation(id) + "/members", Map.of("userId", bob.userId()), ada.token()).status())
                .isEqualTo(204);
        assertThat(callAs(HttpMethod.PUT, conversation(id) + "/members/" + bob.userId() + "/role",
                Map.of("role", "ADMIN"), ada).status()).isEqualTo(204);

        assertThat(events(id)).extracting(Object::getClass).containsExactly(
                ConversationCreatedEvent.class, MemberAddedEvent.class, ConversationDetailsChangedEvent.class,
                MemberRoleChangedEvent.class, ConversationDetailsChangedEvent.class, MemberRemovedEvent.class,
                MemberRemovedEvent.class, MemberRemovedEvent.class, MemberRoleChangedEvent.class,
                MemberAddedEvent.class, MemberRoleChangedEvent.class);
        assertThat(events(id, ConversationDetailsChangedEvent.class)).extracting(
                        ConversationDetailsChangedEvent::name, ConversationDetailsChangedEvent::topic)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Team 2", "Plans"),
                        org.assertj.core.groups.Tuple.tuple(null, ""));
        assertThat(events(id, MemberRemovedEvent.class)).extracting(MemberRemovedEvent::userId, MemberRemovedEvent::left)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(bob.userId(), false),
                        org.assertj.core.groups.Tuple.tuple(cyd.userId(), true),
                        org.assertj.core.groups.Tuple.tuple(owner.userId(), true));
        assertThat(events(id, MemberRoleChangedEvent.class).get(1)).satisfies(event -> {
            assertThat(event.userId()).isEqualTo(ada.userId());
            assertThat(event.role()).isEqualTo(MemberRole.OWNER);
            assertThat(event.changedBy()).isEqualTo(owner.userId());
        });
    }

    @Test
    void group_canStartWithTheOwnerAlone_andTheOwnerMayBeListedAmongTheMembers() {
        Actor owner = signUp("alone");

        String alone = createGroup(owner, "Notes");
        String listed = createGroup(owner, "Notes too", owner);

        assertThat(((ConversationCreatedEvent) events(alone).getFirst()).members())
                .containsExactly(new ConversationMember(owner.userId(), MemberRole.OWNER));
        assertThat(((ConversationCreatedEvent) events(listed).getFirst()).members())
                .containsExactly(new ConversationMember(owner.userId(), MemberRole.OWNER));
    }

    @Test
    void direct_isTheSameConversation_forThePair_whoeverOpensIt() {
        Actor xia = signUp("xia");
        Actor yan = signUp("yan");

        Response first = openDirect(xia, yan.userId());
        Response again = openDirect(xia, yan.userId());
        Response otherWay = openDirect(yan, xia.userId());

        String id = ConversationIds.direct(xia.userId(), yan.userId());
        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(200);
        assertThat(otherWay.status()).isEqualTo(200);
        assertThat(List.of(first, again, otherWay)).allSatisfy(response -> {
            assertThat(response.json().get("conversationId").asString()).isEqualTo(id);
            assertThat(response.position()).isGreaterThanOrEqualTo(first.position());
        });
        assertThat(events(id)).singleElement().isInstanceOfSatisfying(ConversationCreatedEvent.class, event -> {
            assertThat(event.type()).isEqualTo(ConversationType.DIRECT);
            assertThat(event.members()).extracting(ConversationMember::userId)
                    .containsExactlyInAnyOrder(xia.userId(), yan.userId());
        });
        assertThat(send(yan, id, "hi-xia", "hi").status()).isEqualTo(201);
    }

    @Test
    void direct_needsAnExistingOtherUser() {
        Actor zed = signUp("zed");
        String goneEmail = uniqueEmail("gone");
        String goneId = register(goneEmail);
        String goneToken = login(goneEmail).get("accessToken").asString();
        assertThat(call(HttpMethod.DELETE, "/api/v1/users/me", null, goneToken).status()).isEqualTo(204);

        Response unknown = openDirect(zed, "7b0e1d2c-0000-4000-8000-000000000000");
        Response deleted = openDirect(zed, goneId);
        Response self = openDirect(zed, zed.userId());

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("USER_NOT_FOUND");
        assertThat(deleted.status()).isEqualTo(404);
        assertThat(deleted.code()).isEqualTo("USER_NOT_FOUND");
        assertThat(self.status()).isEqualTo(400);
        assertThat(self.code()).isEqualTo("CANNOT_TARGET_SELF");
    }

    @Test
    void blockedUsers_cannotOpenOrWrite_untilUnblocked() {
        Actor pam = signUp("pam");
        Actor quinn = signUp("quinn");
        Actor rex = signUp("rex");
        String direct = openDirect(pam, quinn.userId()).json().get("conversationId").asString();
        assertThat(send(quinn, direct, "before-block", "hi").status()).isEqualTo(201);

        Response blocked = block(pam, quinn);
        assertThat(blocked.status()).isEqualTo(204);
        blocked.position();
        assertThat(block(pam, rex).status()).isEqualTo(204);

        Response quinnSends = send(quinn, direct, "while-blocked", "hello?");
        Response quinnOpens = openDirect(quinn, pam.userId());
        Response pamSends = send(pam, direct, "blocker-sends", "hm");
        Response rexOpens = openDirect(rex, pam.userId());
        assertThat(List.of(quinnSends, quinnOpens, pamSends, rexOpens)).allSatisfy(response -> {
            assertThat(response.status()).as(response.toString()).isEqualTo(403);
            assertThat(response.code()).isEqualTo("BLOCKED");
        });
        assertThat(events(ConversationIds.direct(rex.userId(), pam.userId()))).isEmpty();

        assertThat(unblock(pam, quinn).status()).isEqualTo(204);
        Response afterUnblock = send(quinn, direct, "after-unblock", "friends again");
        assertThat(afterUnblock.status()).isEqualTo(201);
        assertThat(afterUnblock.json().get("seq").asLong()).isEqualTo(2);
        assertThat(openDirect(quinn, pam.userId()).status()).isEqualTo(200);
        assertThat(openDirect(rex, pam.userId()).status()).isEqualTo(403);
    }

    @Test
    void blockedUsers_cannotPullTheBlockerIntoAGroup_norTheOtherWayRound() {
        Actor ann = signUp("ann");
        Actor carl = signUp("carl");
        Actor dora = signUp("dora");
        String existing = createGroup(carl, "Carl's", dora);
        assertThat(block(ann, carl).status()).isEqualTo(204);

        Response carlCreates = createGroupResponse(carl, "With Ann", ann, dora);
        Response carlAdds = post(conversation(existing) + "/members", Map.of("userId", ann.userId()), carl.token());
        Response annCreates = createGroupResponse(ann, "With Carl", carl);

        assertThat(List.of(carlCreates, carlAdds, annCreates)).allSatisfy(response -> {
            assertThat(response.status()).as(response.toString()).isEqualTo(403);
            assertThat(response.code()).isEqualTo("BLOCKED");
        });
        assertThat(events(existing)).hasSize(1);

        assertThat(unblock(ann, carl).status()).isEqualTo(204);
        assertThat(post(conversation(existing) + "/members", Map.of("userId", ann.userId()), carl.token()).status())
                .isEqualTo(204);
    }

    @Test
    void readMarker_andMute_areRecorded() {
        Actor owner = signUp("reader-owner");
        Actor reader = signUp("reader");
        String id = createGroup(owner, "Reading", reader);
        sent(owner, id, "one");
        sent(owner, id, "two");

        Response read = post(conversation(id) + "/read", Map.of("upToSeq", 2), reader.token());
        Response readBack = post(conversation(id) + "/read", Map.of("upToSeq", 1), reader.token());
        Response muted = callAs(HttpMethod.PUT, conversation(id) + "/mute", Map.of("muted", true), reader);
        Response unmuted = callAs(HttpMethod.PUT, conversation(id) + "/mute", Map.of("muted", false), reader);

        assertThat(List.of(read, readBack, muted, unmuted)).allSatisfy(response -> {
            assertThat(response.status()).as(response.toString()).isEqualTo(204);
            response.position();
        });
        assertThat(events(id, ConversationReadEvent.class)).singleElement().satisfies(event -> {
            assertThat(event.userId()).isEqualTo(reader.userId());
            assertThat(event.upToSeq()).isEqualTo(2);
        });
        assertThat(events(id, ConversationMutedEvent.class)).extracting(ConversationMutedEvent::muted)
                .containsExactly(true, false);
    }

    @Test
    void directConversations_keepTheirTwoMembers() {
        Actor una = signUp("una");
        Actor vic = signUp("vic");
        Actor wes = signUp("wes");
        String direct = openDirect(una, vic.userId()).json().get("conversationId").asString();

        Response add = post(conversation(direct) + "/members", Map.of("userId", wes.userId()), una.token());
        Response leave = callAs(HttpMethod.DELETE, conversation(direct) + "/members/" + una.userId(), null, una);
        Response rename = callAs(HttpMethod.PATCH, conversation(direct), Map.of("name", "Us"), una);

        assertThat(List.of(add, leave, rename)).allSatisfy(response -> {
            assertThat(response.status()).as(response.toString()).isEqualTo(403);
            assertThat(response.code()).isEqualTo("NOT_ALLOWED_IN_DIRECT_CONVERSATION");
        });
    }
}
