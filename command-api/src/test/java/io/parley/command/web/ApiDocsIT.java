package io.parley.command.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.parley.command.CommandApiIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;

/** The write API in /v3/api-docs: every endpoint of docs/api.md's "Contacts" and "Conversations — writes", tagged. */
class ApiDocsIT extends CommandApiIntegrationTest {

    @Test
    void conversationAndContactWrites_areDocumented_taggedByFeature() {
        Response docs = call(HttpMethod.GET, "/v3/api-docs", null, null);
        assertThat(docs.status()).isEqualTo(200);
        JsonNode paths = docs.json().get("paths");

        Map<String, List<String>> expected = Map.ofEntries(
                Map.entry("/api/v1/contacts/requests", List.of("post:Contacts")),
                Map.entry("/api/v1/contacts/requests/{requestId}/accept", List.of("post:Contacts")),
                Map.entry("/api/v1/contacts/requests/{requestId}/reject", List.of("post:Contacts")),
                Map.entry("/api/v1/contacts/{userId}", List.of("delete:Contacts")),
                Map.entry("/api/v1/users/{userId}/block", List.of("post:Contacts", "delete:Contacts")),
                Map.entry("/api/v1/conversations/direct", List.of("post:Conversations")),
                Map.entry("/api/v1/conversations/groups", List.of("post:Conversations")),
                Map.entry("/api/v1/conversations/{conversationId}", List.of("patch:Conversations")),
                Map.entry("/api/v1/conversations/{conversationId}/members", List.of("post:Conversations")),
                Map.entry("/api/v1/conversations/{conversationId}/members/{userId}", List.of("delete:Conversations")),
                Map.entry("/api/v1/conversations/{conversationId}/members/{userId}/role", List.of("put:Conversations")),
                Map.entry("/api/v1/conversations/{conversationId}/read", List.of("post:Conversations")),
                Map.entry("/api/v1/conversations/{conversationId}/mute", List.of("put:Conversations")),
                Map.entry("/api/v1/conversations/{conversationId}/messages", List.of("post:Messages")),
                Map.entry("/api/v1/conversations/{conversationId}/messages/{messageId}",
                        List.of("patch:Messages", "delete:Messages")),
                Map.entry("/api/v1/conversations/{conversationId}/messages/{messageId}/reactions/{emoji}",
                        List.of("put:Messages", "delete:Messages")));

        List<String> missing = new ArrayList<>();
        expected.forEach((path, operations) -> operations.forEach(operation -> {
            String method = operation.substring(0, operation.indexOf(':'));
            String tag = operation.substring(operation.indexOf(':') + 1);
            JsonNode documented = paths.path(path).path(method);
            if (documented.isMissingNode() || !documented.path("tags").toString().contains("\"" + tag + "\"")) {
                missing.add(method.toUpperCase() + " " + path + " [" + tag + "]");
            }
        }));
        assertThat(missing).isEmpty();
        assertThat(docs.json().get("tags").toString()).contains("Conversations", "Messages", "Contacts");
        // the acting user comes from the token, never from a parameter
        JsonNode send = paths.path("/api/v1/conversations/{conversationId}/messages").path("post");
        assertThat(send.path("parameters").findValuesAsString("name")).containsExactly("conversationId");
        assertThat(send.path("requestBody").isMissingNode()).isFalse();
    }
}
