package io.parley.query.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.parley.kernel.conversation.MemberRole;
import io.parley.query.conversation.ConversationDocument.Member;
import io.parley.query.live.LiveChanges;
import io.parley.query.support.ConversationLog;
import io.parley.query.support.IdempotencyCheck;
import io.parley.query.support.ProjectionHarness;
import org.junit.jupiter.api.Test;

/** The conversation details projection against the MongoDB wire server. */
class ConversationProjectionTest {

    @Test
    void everyEvent_appliedTwice_orAllAgain_leavesTheSameDocuments() {
        IdempotencyCheck.assertIdempotent("conversation_idempotency", h -> {
            new ConversationIndexes(h.mongo()).afterPropertiesSet();
            return new ConversationProjection(h.mongo(), LiveChanges.NONE);
        }, ConversationDocument.COLLECTION);
    }

    @Test
    void details_followRenamesRolesAndMembership_andTheOwnerPassesOn() {
        ProjectionHarness harness = new ProjectionHarness("conversation_projection_test");
        harness.project(new ConversationProjection(harness.mongo(), LiveChanges.NONE));
        String owner = UUID.randomUUID().toString();
        String admin = UUID.randomUUID().toString();
        String member = UUID.randomUUID().toString();
        String late = UUID.randomUUID().toString();
        ConversationLog group = ConversationLog.group(owner, "Name", List.of(admin, member), Instant.now());
        group.details("New name", "Topic", owner).details(null, "", owner)
                .changeRole(admin, MemberRole.ADMIN, owner).add(late, admin).remove(member, admin).remove(owner, owner);
        harness.apply(group.drain());

        ConversationDocument conversation = harness.mongo().findById(group.id(), ConversationDocument.class);
        assertThat(conversation.name()).isEqualTo("New name");
        assertThat(conversation.topic()).isNull();
        assertThat(conversation.members()).containsExactly(new Member(admin, MemberRole.OWNER),
                new Member(late, MemberRole.MEMBER));
        assertThat(conversation.memberIds()).containsExactly(admin, late);
    }
}
