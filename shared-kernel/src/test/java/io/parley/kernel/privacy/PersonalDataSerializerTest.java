package io.parley.kernel.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import io.parley.kernel.account.DeviceRegisteredEvent;
import io.parley.kernel.account.DevicePlatform;
import io.parley.kernel.account.PasswordResetRequestedEvent;
import io.parley.kernel.account.Role;
import io.parley.kernel.account.UserDeletedEvent;
import io.parley.kernel.account.UserProfileChangedEvent;
import io.parley.kernel.account.UserRegisteredEvent;
import io.parley.kernel.conversation.ConversationReadEvent;
import io.parley.kernel.message.Attachment;
import io.parley.kernel.message.MessageEditedEvent;

import io.parley.kernel.message.MessageSentEvent;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class PersonalDataSerializerTest {

    private static final Instant AT = Instant.parse("2026-12-06T20:00:00Z");

    private final Jackson3Serializer jackson = Jackson3Serializer.builder().build();
    private final InMemoryPersonalDataKeys keys = new InMemoryPersonalDataKeys();
    private final PersonalDataSerializer serializer = new PersonalDataSerializer(jackson, () -> keys);

    private final MessageSentEvent sent = new MessageSentEvent("c1", "m1", 1, "alice", "client-1", "meet me at noon",
            null, Set.of("bob"), AT, List.of(new Attachment("a1", "passport-scan.pdf", "application/pdf", 10, null,
            null, false)));
    private final UserRegisteredEvent registered = new UserRegisteredEvent("alice", "alice@example.com",
            "Alice Liddell", Set.of(Role.USER), AT);

    @Test
    void personalFields_roundTrip_butAreNotInTheStoredBytes() {
        for (Object event : List.of(sent, registered,
                new UserProfileChangedEvent("alice", "Alfonso", "likes rabbits", "https://example.com/a.png", AT),
                new PasswordResetRequestedEvent("alice", "alice@example.com", "Alice", "alice.s3cret-token", AT, AT),
                new DeviceRegisteredEvent("alice", "fcm-device-token", DevicePlatform.ANDROID, AT),
                new MessageEditedEvent("c1", "m1", 1, "alice", "meet me at one", AT))) {
            SerializedObject<byte[]> stored = serializer.serialize(event, byte[].class);
            String json = new String(stored.getData(), StandardCharsets.UTF_8);

            assertThat(json).doesNotContain("meet me", "passport-scan", "alice@example.com", "Alice", "Alfonso",
                    "rabbits", "a.png", "s3cret", "fcm-device-token");
            assertThat(serializer.<byte[], Object>deserialize(stored)).isEqualTo(event);
        }
    }

    @Test
    void storedJson_keepsItsShape_withIdsReadable() {
        JsonNode json = jackson.getObjectMapper().readTree(serializer.serialize(sent, byte[].class).getData());

        assertThat(json.get("senderId").asString()).isEqualTo("alice");
        assertThat(json.get("conversationId").asString()).isEqualTo("c1");
        assertThat(json.get("text").asString()).startsWith(FieldCipher.PREFIX);
        assertThat(json.get("attachments").get(0).get("name").asString()).startsWith(FieldCipher.PREFIX);
        assertThat(json.get("attachments").get(0).get("contentType").asString()).isEqualTo("application/pdf");
    }

    @Test
    void eachValue_getsItsOwnIv() {
        String first = fieldOf(serializer.serialize(sent, byte[].class), "text");
        String second = fieldOf(serializer.serialize(sent, byte[].class), "text");

        assertThat(first).isNotEqualTo(second);
        assertThat(Base64.getDecoder().decode(first.substring(FieldCipher.PREFIX.length()))).hasSizeGreaterThan(12 + 16);
    }

    @Test
    void plaintextWrittenBeforeEncryption_readsAsItWas_withoutAKeyLookup() {
        SerializedObject<byte[]> old = jackson.serialize(sent, byte[].class);

        assertThat(serializer.<byte[], Object>deserialize(old)).isEqualTo(sent);
        assertThat(keys.lookups()).isZero();
    }

    @Test
    void erasedKey_readsAsThePlaceholders_andThrowsNothing() {
        SerializedObject<byte[]> message = serializer.serialize(sent, byte[].class);
        SerializedObject<byte[]> account = serializer.serialize(registered, byte[].class);
        keys.erase("alice");

        MessageSentEvent readMessage = serializer.deserialize(message);
        UserRegisteredEvent readAccount = serializer.deserialize(account);

        assertThat(Erased.is(readMessage.text())).isTrue();
        assertThat(readMessage.attachments().getFirst().name()).isEqualTo(Erased.VALUE);
        assertThat(readMessage.senderId()).isEqualTo("alice");
        assertThat(readMessage.seq()).isEqualTo(1);
        assertThat(Erased.is(readAccount.email())).isTrue();
        assertThat(readAccount.displayName()).isEqualTo(Erased.DISPLAY_NAME);
    }

    @Test
    void eventOfAnAlreadyErasedSubject_storesNothingReadable() {
        keys.erase("alice");

        SerializedObject<byte[]> stored = serializer.serialize(sent, byte[].class);

        assertThat(new String(stored.getData(), StandardCharsets.UTF_8)).doesNotContain("meet me", "passport");
        assertThat(Erased.is(serializer.<byte[], MessageSentEvent>deserialize(stored).text())).isTrue();
    }

    @Test
    void tamperedCiphertext_readsAsErased() {
        SerializedObject<byte[]> stored = serializer.serialize(sent, byte[].class);
        ObjectNode json = (ObjectNode) jackson.getObjectMapper().readTree(stored.getData());
        byte[] sealed = Base64.getDecoder().decode(json.get("text").asString().substring(FieldCipher.PREFIX.length()));
        sealed[sealed.length - 1] ^= 1;
        json.put("text", FieldCipher.PREFIX + Base64.getEncoder().encodeToString(sealed));
        ((ObjectNode) json.get("attachments").get(0)).put("name", FieldCipher.PREFIX + "not base64!");

        MessageSentEvent read = serializer.deserialize(new SimpleSerializedObject<>(json, JsonNode.class,
                stored.getType()));

        assertThat(Erased.is(read.text())).isTrue();
        assertThat(read.attachments().getFirst().name()).isEqualTo(Erased.VALUE);
        // The cipher that refused it (one per thread, used again) reads the untouched value afterwards.
        assertThat(serializer.<byte[], MessageSentEvent>deserialize(stored).text()).isEqualTo(sent.text());
    }

    @Test
    void ciphertextMovedToAnotherSubjectsEvent_doesNotDecrypt() {
        String alicesText = fieldOf(serializer.serialize(sent, byte[].class), "text");
        keys.forWriting("mallory");
        SerializedObject<byte[]> mallorys = serializer.serialize(new MessageSentEvent("c1", "m2", 2, "mallory",
                "client-2", "hello", null, Set.of(), AT), byte[].class);
        ObjectNode json = (ObjectNode) jackson.getObjectMapper().readTree(mallorys.getData());
        json.put("text", alicesText);

        MessageSentEvent read = serializer.deserialize(new SimpleSerializedObject<>(json, JsonNode.class,
                mallorys.getType()));

        assertThat(Erased.is(read.text())).isTrue();
    }

    @Test
    void upcasterIntermediateJson_isDecrypted_withoutChangingIt() {
        SerializedObject<byte[]> stored = serializer.serialize(sent, byte[].class);
        JsonNode intermediate = jackson.getObjectMapper().readTree(stored.getData());
        String before = intermediate.toString();

        MessageSentEvent read = serializer.deserialize(new SimpleSerializedObject<>(intermediate, JsonNode.class,
                stored.getType()));

        assertThat(read).isEqualTo(sent);
        assertThat(intermediate.toString()).isEqualTo(before);
    }

    @Test
    void eventsWithoutPersonalData_passThrough_withoutAKeyLookup() {
        ConversationReadEvent read = new ConversationReadEvent("c1", "alice", 3, AT);

        SerializedObject<byte[]> stored = serializer.serialize(read, byte[].class);

        assertThat(stored.getData()).isEqualTo(jackson.serialize(read, byte[].class).getData());
        assertThat(serializer.<byte[], Object>deserialize(stored)).isEqualTo(read);
        assertThat(keys.lookups()).isZero();
    }

    @Test
    void readingTheDeletion_forgetsTheCachedKey() {
        SerializedObject<byte[]> deletion = serializer.serialize(new UserDeletedEvent("alice", AT), byte[].class);

        serializer.deserialize(deletion);

        assertThat(keys.forgotten()).containsExactly("alice");
    }

    @Test
    void oneKeyLookupPerEvent() {
        SerializedObject<byte[]> stored = serializer.serialize(sent, byte[].class);
        int afterWrite = keys.lookups();

        serializer.deserialize(stored);

        assertThat(afterWrite).isEqualTo(1);
        assertThat(keys.lookups()).isEqualTo(2);
    }

    private String fieldOf(SerializedObject<byte[]> stored, String field) {
        return jackson.getObjectMapper().readTree(stored.getData()).get(field).asString();
    }
}
