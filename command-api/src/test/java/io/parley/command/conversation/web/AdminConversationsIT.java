package io.parley.command.conversation.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import io.parley.kernel.conversation.ConversationArchivedEvent;
import io.parley.kernel.message.MessageRemovedEvent;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;

class AdminConversationsIT extends ConversationIntegrationTest {

    private static String admin(String conversationId) {
        return "/api/v1/admin/conversations/" + conversationId;
    }

    @Test
    void removeMessage_byAnAdminWhoIsNoMember_deletesItForEveryone() {
        Actor owner = signUp("owner");
        Actor member = signUp("member");
        String group = createGroup(owner, "Moderated", member);
        JsonNode message = sent(member, group, "something awful");
        Actor moderator = moderator();

        Response removed = callAs(HttpMethod.DELETE, admin(group) + "/messages/" + message.get("messageId").asString(),
                null, moderator);

        assertThat(removed.status()).as(removed.toString()).isEqualTo(204);
        assertThat(removed.position()).isPositive();
        assertThat(events(group, MessageRemovedEvent.class)).singleElement().satisfies(event -> {
            assertThat(event.removedBy()).isEqualTo(moderator.userId());
            assertThat(event.seq()).isEqualTo(1);
        });
        Response edit = callAs(HttpMethod.PATCH, message(group, message.get("messageId").asString()),
                Map.of("text", "edited"), member);
        assertThat(edit.code()).isEqualTo("MESSAGE_DELETED");
        Response again = callAs(HttpMethod.DELETE, admin(group) + "/messages/" + message.get("messageId").asString(),
                null, moderator);
        assertThat(again.status()).isEqualTo(204);
        assertThat(events(group, MessageRemovedEvent.class)).hasSize(1);
    }

    @Test
    void archive_keepsTheConversation_butRefusesSends_withConversationArchived() {
        Actor owner = signUp("owner");
        Actor member = signUp("member");
        String group = createGroup(owner, "To archive", member);
        sent(member, group, "before");
        Actor moderator = moderator();

        Response archived = callAs(HttpMethod.POST, admin(group) + "/archive", null, moderator);

        assertThat(archived.status()).as(archived.toString()).isEqualTo(204);
        assertThat(events(group, ConversationArchivedEvent.class)).singleElement()
                .satisfies(event -> assertThat(event.archivedBy()).isEqualTo(moderator.userId()));
        Response send = send(member, group, "c-after", "after");
        assertThat(send.status()).isEqualTo(409);
        assertThat(send.code()).isEqualTo("CONVERSATION_ARCHIVED");
        assertThat(post(conversation(group) + "/read", Map.of("upToSeq", 1), member.token()).status()).isEqualTo(204);
    }

    @Test
    void adminActions_onAnUnknownConversation_areNotFound() {
        Actor moderator = moderator();
        String unknown = UUID.randomUUID().toString();

        Response archive = callAs(HttpMethod.POST, admin(unknown) + "/archive", null, moderator);
        Response remove = callAs(HttpMethod.DELETE, admin(unknown) + "/messages/" + unknown, null, moderator);

        assertThat(archive.code()).isEqualTo("CONVERSATION_NOT_FOUND");
        assertThat(remove.code()).isEqualTo("CONVERSATION_NOT_FOUND");
    }
}
