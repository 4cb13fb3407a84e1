package io.parley.command.conversation.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpMethod;

/** Bad input on the conversation writes: a 4xx problem with a stable code every time, never a 500. */
class ConversationHostileInputIT extends ConversationIntegrationTest {

    private Actor owner;
    private Actor member;
    private String id;
    private String messageId;

    @BeforeEach
    void aGroupWithOneMessage() {
        owner = signUp("hostile-owner");
        member = signUp("hostile-member");
        id = createGroup(owner, "Hostile", member);
        messageId = sent(owner, id, "target").get("messageId").asString();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"clientMessageId\": {\"a\": 1}, \"text\": \"hi\"}",
            "{\"clientMessageId\": \"c\", \"text\": [\"hi\"]}",
            "{\"clientMessageId\": \"c\", \"text\": \"hi\", \"mentions\": \"not-a-list\"}",
            "{\"clientMessageId\": \"c\", \"text\": \"hi\", \"mentions\": [[1]]}",
            "{\"clientMessageId\": \"c\", \"text\": ",
            "[]",
            ""
    })
    void send_withMalformedJsonOrWrongTypes_isAMalformedRequest(String body) {
        Response response = post(messages(id), body, member.token());

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.code()).isEqualTo("MALFORMED_REQUEST");
    }

    @Test
    void send_withoutClientMessageIdOrText_listsTheFields() {
        Response response = post(messages(id), Map.of(), member.token());
        Response blankId = send(member, id, body("clientMessageId", " ", "text", "hi"));
        Response longId = send(member, id, body("clientMessageId", "c".repeat(256), "text", "hi"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(response.json().get("errors").propertyNames()).contains("clientMessageId", "text");
        assertThat(List.of(blankId, longId)).allSatisfy(invalid -> {
            assertThat(invalid.status()).isEqualTo(400);
            assertThat(invalid.json().get("errors").has("clientMessageId")).isTrue();
        });
    }

    @Test
    void messageText_isOneTo4000Characters_afterTrimming() {
        Response empty = send(member, id, "empty", "");
        Response blank = send(member, id, "blank", " \n\t ");
        Response tooLong = send(member, id, "too-long", "x".repeat(4001));
        Response longest = send(member, id, "longest", "  " + "x".repeat(4000) + "  ");
        Response longestInEmoji = send(member, id, "emoji", "😀".repeat(4000));
        Response editTooLong = callAs(HttpMethod.PATCH, message(id, messageId), Map.of("text", "y".repeat(4001)), owner);
        Response editEmpty = callAs(HttpMethod.PATCH, message(id, messageId), Map.of("text", "  "), owner);

        assertThat(empty.code()).isEqualTo("MESSAGE_TEXT_EMPTY");
        assertThat(blank.code()).isEqualTo("MESSAGE_TEXT_EMPTY");
        assertThat(tooLong.code()).isEqualTo("MESSAGE_TEXT_TOO_LONG");
        assertThat(editTooLong.code()).isEqualTo("MESSAGE_TEXT_TOO_LONG");
        assertThat(editEmpty.code()).isEqualTo("MESSAGE_TEXT_EMPTY");
        assertThat(List.of(empty, blank, tooLong, editTooLong, editEmpty))
                .allSatisfy(response -> assertThat(response.status()).isEqualTo(400));
        assertThat(longest.status()).isEqualTo(201);
        assertThat(longestInEmoji.status()).isEqualTo(201);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "1", "👍👍", "©", "🏽", "x👍"})
    void reactions_areASingleEmoji(String emoji) {
        Response added = callAs(HttpMethod.PUT, reaction(id, messageId, emoji), null, member);
        Response removed = callAs(HttpMethod.DELETE, reaction(id, messageId, emoji), null, member);

        assertThat(List.of(added, removed)).allSatisfy(response -> {
            assertThat(response.status()).as(response.toString()).isEqualTo(400);
            assertThat(response.code()).isEqualTo("INVALID_REACTION");
        });
    }

    @Test
    void readMarker_isWithinTheConversationsSeqs() {
        Response beyond = post(conversation(id) + "/read", Map.of("upToSeq", 2), member.token());
        Response negative = post(conversation(id) + "/read", Map.of("upToSeq", -1), member.token());
        Response missing = post(conversation(id) + "/read", Map.of(), member.token());
        Response notANumber = post(conversation(id) + "/read", "{\"upToSeq\": \"all\"}", member.token());
        Response mutedNotABoolean = callAs(HttpMethod.PUT, conversation(id) + "/mute", "{\"muted\": \"maybe\"}", member);

        assertThat(beyond.status()).isEqualTo(400);
        assertThat(beyond.code()).isEqualTo("SEQ_OUT_OF_RANGE");
        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.json().get("errors").has("upToSeq")).isTrue();
        assertThat(missing.json().get("errors").has("upToSeq")).isTrue();
        assertThat(notANumber.code()).isEqualTo("MALFORMED_REQUEST");
        assertThat(mutedNotABoolean.code()).isEqualTo("MALFORMED_REQUEST");
        assertThat(post(conversation(id) + "/read", Map.of("upToSeq", 1), member.token()).status()).isEqualTo(204);
    }

    @Test
    void roles_areAdminOrMember_andChangedByTheOwnerOnly() {
        String path = conversation(id) + "/members/" + member.userId() + "/role";

        Response toOwner = callAs(HttpMethod.PUT, path, Map.of("role", "OWNER"), owner);
        Response unknown = callAs(HttpMethod.PUT, path, Map.of("role", "boss"), owner);
        Response lowerCase = callAs(HttpMethod.PUT, path, Map.of("role", "admin"), owner);
        Response byMember = callAs(HttpMethod.PUT, conversation(id) + "/members/" + owner.userId() + "/role",
                Map.of("role", "MEMBER"), member);
        Response ofNonMember = callAs(HttpMethod.PUT, conversation(id) + "/members/" + UUID.randomUUID() + "/role",
                Map.of("role", "ADMIN"), owner);

        assertThat(List.of(toOwner, unknown, lowerCase)).allSatisfy(response -> {
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.json().get("errors").has("role")).isTrue();
        });
        assertThat(byMember.status()).isEqualTo(403);
        assertThat(byMember.code()).isEqualTo("INSUFFICIENT_ROLE");
        assertThat(ofNonMember.status()).isEqualTo(404);
        assertThat(ofNonMember.code()).isEqualTo("MEMBER_NOT_FOUND");
    }

    @Test
    void deleteScope_isEveryoneOrMe() {
        Response unknown = callAs(HttpMethod.DELETE, message(id, messageId) + "?scope=all", null, owner);
        Response missing = callAs(HttpMethod.DELETE, message(id, messageId), null, owner);

        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(unknown.json().get("errors").has("scope")).isTrue();
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.code()).isEqualTo("MALFORMED_REQUEST");
    }

    @Test
    void unknownMessagesUsersAndReplyTargets_areNamed() {
        String nobody = UUID.randomUUID().toString();
        Response editUnknown = callAs(HttpMethod.PATCH, message(id, UUID.randomUUID().toString()), Map.of("text", "x"),
                owner);
        Response reactNotAnId = callAs(HttpMethod.PUT, reaction(id, "not-a-message", "👍"), null, owner);
        Response addUnknown = post(conversation(id) + "/members", Map.of("userId", nobody), owner.token());
        Response mentionUnknown = send(owner, id, body("clientMessageId", "m1", "text", "hi",
                "mentions", List.of(nobody)));
        Response mentionOutsider = send(owner, id, body("clientMessageId", "m2", "text", "hi",
                "mentions", List.of(signUp("outsider").userId())));
        Response replyUnknown = send(owner, id, body("clientMessageId", "m3", "text", "hi",
                "replyToMessageId", UUID.randomUUID().toString()));

        assertThat(editUnknown.status()).isEqualTo(404);
        assertThat(editUnknown.code()).isEqualTo("MESSAGE_NOT_FOUND");
        assertThat(reactNotAnId.status()).isEqualTo(404);
        assertThat(reactNotAnId.code()).isEqualTo("MESSAGE_NOT_FOUND");
        assertThat(List.of(addUnknown, mentionUnknown)).allSatisfy(response -> {
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.code()).isEqualTo("USER_NOT_FOUND");
        });
        assertThat(mentionOutsider.status()).isEqualTo(400);
        assertThat(mentionOutsider.code()).isEqualTo("MENTION_NOT_MEMBER");
        assertThat(replyUnknown.status()).isEqualTo(400);
        assertThat(replyUnknown.code()).isEqualTo("INVALID_REPLY_TARGET");
    }

    @Test
    void groupNamesAndTopics_followTheDomainRules() {
        Response blank = createGroupResponse(owner, "   ");
        Response tooLong = createGroupResponse(owner, "n".repeat(101));
        Response missing = post(CONVERSATIONS + "/groups", Map.of("memberIds", List.of()), owner.token());
        Response unknownMember = post(CONVERSATIONS + "/groups",
                Map.of("name", "Ghosts", "memberIds", List.of(UUID.randomUUID().toString())), owner.token());
        Response topicTooLong = callAs(HttpMethod.PATCH, conversation(id), Map.of("topic", "t".repeat(501)), owner);

        assertThat(blank.code()).isEqualTo("INVALID_CONVERSATION_NAME");
        assertThat(tooLong.code()).isEqualTo("INVALID_CONVERSATION_NAME");
        assertThat(missing.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(topicTooLong.code()).isEqualTo("INVALID_TOPIC");
        assertThat(List.of(blank, tooLong, missing, topicTooLong))
                .allSatisfy(response -> assertThat(response.status()).isEqualTo(400));
        assertThat(unknownMember.status()).isEqualTo(404);
        assertThat(unknownMember.code()).isEqualTo("USER_NOT_FOUND");
    }

    @Test
    void writes_needAToken() {
        Response anonymous = post(messages(id), Map.of("clientMessageId", "anon", "text", "hi"));

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.code()).isEqualTo("INVALID_TOKEN");
    }
}
