package io.parley.command.conversation.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

/**
 * Every write on a conversation path answers someone who is not a member (never was, or left) exactly as it answers
 * an id that does not exist, or is not an id at all: 404 CONVERSATION_NOT_FOUND with the same detail.
 */
class NonMemberMatrixIT extends ConversationIntegrationTest {

    record Endpoint(HttpMethod method, String pathTemplate, Object body) {

        String path(String conversationId, String messageId, String memberId) {
            return pathTemplate.replace("{id}", conversationId).replace("{messageId}", messageId)
                    .replace("{userId}", memberId);
        }
    }

    static List<Endpoint> endpoints(String someoneId) {
        return List.of(
                new Endpoint(HttpMethod.PATCH, "/api/v1/conversations/{id}", Map.of("name", "Mine")),
                new Endpoint(HttpMethod.POST, "/api/v1/conversations/{id}/members", Map.of("userId", someoneId)),
                new Endpoint(HttpMethod.DELETE, "/api/v1/conversations/{id}/members/{userId}", null),
                new Endpoint(HttpMethod.PUT, "/api/v1/conversations/{id}/members/{userId}/role", Map.of("role", "ADMIN")),
                new Endpoint(HttpMethod.POST, "/api/v1/conversations/{id}/read", Map.of("upToSeq", 0)),
                new Endpoint(HttpMethod.PUT, "/api/v1/conversations/{id}/mute", Map.of("muted", true)),
                new Endpoint(HttpMethod.POST, "/api/v1/conversations/{id}/messages",
                        Map.of("clientMessageId", UUID.randomUUID().toString(), "text", "let me in")),
                new Endpoint(HttpMethod.PATCH, "/api/v1/conversations/{id}/messages/{messageId}", Map.of("text", "edit")),
                new Endpoint(HttpMethod.DELETE, "/api/v1/conversations/{id}/messages/{messageId}?scope=everyone", null),
                new Endpoint(HttpMethod.DELETE, "/api/v1/conversations/{id}/messages/{messageId}?scope=me", null),
                new Endpoint(HttpMethod.PUT, "/api/v1/conversations/{id}/messages/{messageId}/reactions/👍", null),
                new Endpoint(HttpMethod.DELETE, "/api/v1/conversations/{id}/messages/{messageId}/reactions/👍", null));
    }

    @Test
    void everyConversationWrite_isNotFound_forNonMembers_formerMembers_andUnknownIds_alike() {
        Actor owner = signUp("matrix-owner");
        Actor member = signUp("matrix-member");
        Actor leaver = signUp("matrix-leaver");
        Actor outsider = signUp("matrix-outsider");
        Actor prober = signUp("matrix-prober");
        String id = createGroup(owner, "Private", member, leaver);
        String messageId = sent(owner, id, "secret").get("messageId").asString();
        assertThat(callAs(HttpMethod.DELETE, conversation(id) + "/members/" + leaver.userId(), null, leaver).status())
                .isEqualTo(204);
        String unknownId = UUID.randomUUID().toString();

        for (Endpoint endpoint : endpoints(outsider.userId())) {
            Response asOutsider = callAs(endpoint.method(), endpoint.path(id, messageId, member.userId()),
                    endpoint.body(), outsider);
            Response asFormerMember = callAs(endpoint.method(), endpoint.path(id, messageId, member.userId()),
                    endpoint.body(), leaver);
            Response unknown = callAs(endpoint.method(), endpoint.path(unknownId, messageId, member.userId()),
                    endpoint.body(), prober);
            Response notAnId = callAs(endpoint.method(), endpoint.path("not-an-id", messageId, member.userId()),
                    endpoint.body(), prober);

            assertNotFound(endpoint, asOutsider, id);
            assertNotFound(endpoint, asFormerMember, id);
            assertNotFound(endpoint, unknown, unknownId);
            assertNotFound(endpoint, notAnId, "not-an-id");
            assertThat(withoutId(asOutsider, id)).as(endpoint.toString()).isEqualTo(withoutId(unknown, unknownId));
        }
        assertThat(events(id)).hasSize(3);
    }

    @Test
    void otherAggregatesIds_areNotConversations_onAnyPath() {
        Actor someone = signUp("wrong-aggregate");
        Actor other = signUp("wrong-aggregate-other");
        String contactId = post("/api/v1/contacts/requests", Map.of("userId", other.userId()), someone.token())
                .json().get("requestId").asString();

        for (Endpoint endpoint : endpoints(other.userId())) {
            for (String notAConversation : List.of(other.userId(), contactId)) {
                Response response = callAs(endpoint.method(), endpoint.path(notAConversation,
                        UUID.randomUUID().toString(), other.userId()), endpoint.body(), someone);
                assertNotFound(endpoint, response, notAConversation);
            }
        }
    }

    private static void assertNotFound(Endpoint endpoint, Response response, String conversationId) {
        assertThat(response.status()).as(endpoint + " " + response).isEqualTo(404);
        assertThat(response.code()).as(endpoint + " " + response).isEqualTo("CONVERSATION_NOT_FOUND");
        assertThat(response.detail()).as(endpoint + " " + response).isEqualTo("No conversation " + conversationId);
    }

    private static String withoutId(Response response, String conversationId) {
        return response.json().toString().replace(conversationId, "{id}");
    }
}
